"""Files from outside, read as hostile until checked: the workbook's package guard, its sheet's cells, one reader
per column, and the rows turned into Applications with every problem collected; also allocation files (for the
audit) and finished run folders (for compare)."""
