# expected-status: error
"""Never finishes importing."""
while True:
    pass
