"""What course platforms run to grade here: GitHub Classroom's workflow and step, Gradescope's autograder."""
