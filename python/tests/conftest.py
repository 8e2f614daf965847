"""Shows which gazette the tests exercise: it must be the installed wheel."""

import gazette


def pytest_report_header(config):
    return f"gazette {gazette.__version__} from {gazette.__file__}"
