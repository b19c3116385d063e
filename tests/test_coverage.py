"""dyads.coverage: which characters of a text are taken."""
from dyads.coverage import Coverage


def test_overlap_and_cover_questions():
    taken = Coverage(30, [(2, 5), (10, 20)])
    assert taken.overlaps(4, 6) and not taken.overlaps(5, 10) and taken.overlaps(0, 30)
    assert taken.covers(12, 18) and not taken.covers(4, 6) and not taken.covers(5, 5)
    taken.add(5, 10)
    assert taken.covers(2, 20)


def test_offsets_outside_the_text_are_ignored():
    taken = Coverage(10, [(-5, 3), (8, 50)])
    assert taken.overlaps(0, 1) and taken.overlaps(9, 100) and not taken.overlaps(3, 8)
    assert not Coverage(0).overlaps(0, 5)
