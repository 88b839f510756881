"""The only code that writes files: the outputs of a run, and the template workbook."""
