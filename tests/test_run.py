from helpers import run


def test_the_failure_reason_is_the_error_line_without_terminal_colours():
    traceback = "Cell In[3], line 2\n----> 2 x = d['3 ReLU']\n\x1b[31mKeyError\x1b[39m: '3 ReLU'\n"
    assert run._last_line(traceback) == "KeyError: '3 ReLU'"


def test_report_rows_escape_table_characters():
    assert run._cell("a | b\nc") == "a \\| b c"
    assert run._value(0.123456) == "0.1235" and run._value(None) == ""
