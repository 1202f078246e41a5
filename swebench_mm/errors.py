"""The one exception type users see.

A `UserError` is bad input or a broken environment the user can fix; the CLI prints its message on
one line and exits non-zero without a traceback. Anything else is a bug and keeps its traceback.
"""


class UserError(Exception):
    """An error caused by input or environment, with a message that says where and what to do."""
