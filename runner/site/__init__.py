"""The site's side: building the static site students open, and serving it locally."""
