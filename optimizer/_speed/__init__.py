"""What exists only for speed: a forked second process, phase timings, a fast .xlsx writer. Each is behind a plain
function whose obvious, slower version gives the same values and bytes (the tests compare them)."""
