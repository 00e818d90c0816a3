"""A page blurred by a moving hand or a low-resolution scan: the cut between ink and paper keeps
only the cores of its soft letters, so a page tesseract reads unsurely is prepared again with the
grey around the cut ink kept (`prepare(grow=GROWN_EDGES)`), and that reading is used when
tesseract is clearly surer of it, its figures standing only where the first reading agrees."""

from __future__ import annotations

import io
import shutil

import numpy as np
import pytest
from PIL import Image

from healthlib.readers.labfiles import image as image_module
from healthlib.readers.labfiles.image import GROWN_EDGES, prepare, read_page
from tests.labs.test_ocr_looks import ROWS, _page

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Debian tesseract-ocr is not installed (make labs-deps installs it)")


def _smeared(length: int = 12) -> Image.Image:
    """The page photographed with the hand moving sideways: each letter smeared over `length`
    pixels, greyed by the light, grain added, saved as a phone's JPEG."""
    page = np.asarray(_page(), dtype=np.float32)
    smear = sum(np.roll(page, k, axis=1) for k in range(length)) / length
    grain = np.random.default_rng(1).normal(0, 6, page.shape)
    out = io.BytesIO()
    Image.fromarray(np.clip(smear * 0.7 + 60 + grain, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=60)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def _ink(prepared: Image.Image) -> int:
    return int((np.asarray(prepared) < 200).sum())


def test_growing_keeps_the_soft_edges_of_blurred_letters_and_nothing_far_from_them():
    smeared = _smeared()
    cut, grown = prepare(smeared), prepare(smeared, grow=GROWN_EDGES)
    assert _ink(grown) > 1.2 * _ink(cut)  # the cut alone leaves thin, broken cores
    # what is kept lies within GROWN_EDGES pixels of the cut ink: the paper between rows stays white
    assert (np.asarray(grown)[:60] == 255).all()


def test_a_clear_page_is_the_same_grown_or_not_where_it_is_read():
    page = _page().convert("RGB")
    plain, grown = np.asarray(prepare(page)), np.asarray(prepare(page, grow=GROWN_EDGES))
    assert (np.abs(plain.astype(int) - grown.astype(int)) > 60).mean() < 0.01  # a sharp letter has no soft edge to keep


def _figures(lines: list[str]) -> list[str]:
    return [w for line in lines for w in line.split() if any(c.isdigit() for c in w) and "/" not in w]


@needs_tesseract
def test_a_smeared_page_is_read_grown_and_growing_makes_up_no_figure(monkeypatch):
    calls: list[int] = []
    real = image_module.prepare

    photo = _smeared()

    def counted(image, **options):
        if image is photo:  # the photo itself, not a page with its smear undone (`without_smear`)
            calls.append(options.get("grow", 0))
        return real(image, **options)

    monkeypatch.setattr(image_module, "prepare", counted)
    # growing alone is compared: grey print darkened (`grey_print`, its own tests in test_ocr_misses_r13)
    # lifts the page as cut to 9 of its figures here while the grown reading keeps 8 (noted, round 13)
    monkeypatch.setattr(image_module, "grey_print", lambda *args: None)
    grown = read_page(photo)
    assert calls[:2] == [0, GROWN_EDGES]  # unsure of the page as cut, it was prepared again grown
    monkeypatch.setattr(image_module, "GROWN_EDGES", 0)
    cut = read_page(_smeared())
    printed = {word for row in ROWS for word in row.split() if any(c.isdigit() for c in word)}
    names = {row.split()[0] for row in ROWS}
    # the page as cut already misreads a smeared "103" as "183"; growing adds no misread of its own
    assert [w for w in _figures(grown) if w not in printed and w not in _figures(cut)] == [], (grown, cut)
    assert sum(w in printed for w in _figures(grown)) >= sum(w in printed for w in _figures(cut)), (grown, cut)
    # and tesseract, given the letters' whole strokes, reads more of the test names
    assert sum(line.split()[0] in names for line in grown) > sum(line.split()[0] in names for line in cut), (grown, cut)


def test_a_page_prepared_again_grown_repeats_none_of_its_cleaning_and_comes_out_the_same(monkeypatch):
    from healthlib.readers.labfiles import dewarp

    smeared = _smeared()
    alone = np.asarray(prepare(smeared, grow=GROWN_EDGES))
    steps: list[str] = []
    for module, name in ((image_module, "text_angle"), (image_module, "_without_rules"), (dewarp, "_row_mesh")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, _real=real, _name=name: steps.append(_name) or _real(*args))
    shared: dict = {}
    cut = np.asarray(prepare(smeared, shared=shared))
    grown = np.asarray(prepare(smeared, grow=GROWN_EDGES, shared=shared))
    assert np.array_equal(grown, alone)  # the same page as prepared on its own
    assert not np.array_equal(grown, cut)
    assert sorted(steps) == ["_row_mesh", "_without_rules", "text_angle"]  # each done once, for the cut page


def _photo_smeared(axis: int, length: int) -> Image.Image:
    """The page shot as a phone shoots it (1600 px across) with the hand moving up and down (`axis`
    0) or across (1): each letter smeared evenly over `length` pixels, grain added, saved as a JPEG."""
    page = np.asarray(_page().resize((1600, 933), Image.Resampling.LANCZOS), dtype=np.float32)
    smear = sum(np.roll(page, k, axis=axis) for k in range(length)) / length
    grain = np.random.default_rng(2).normal(0, 3, page.shape)
    out = io.BytesIO()
    Image.fromarray(np.clip(smear * 0.85 + 30 + grain, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=85)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def _angle_apart(a: float, b: float) -> float:
    return min(abs(a - b) % 180, 180 - abs(a - b) % 180)


@pytest.mark.parametrize(("axis", "length"), [(0, 7), (1, 6)])
def test_a_smear_along_one_axis_is_measured_from_the_photo_alone(axis, length):
    from healthlib.readers.labfiles.image import motion_smear

    found = motion_smear(_photo_smeared(axis, length))
    assert found is not None and _angle_apart(found[0], 90 if axis == 0 else 0) <= 6 and abs(found[1] - length) <= 1, found


def _photo_slanted(degrees: float, length: int) -> Image.Image:
    """The page shot with the hand moving on a slant (`degrees` from across, turning down), each
    letter smeared evenly over `length` pixels along that line, grain added, saved as a JPEG."""
    import math

    page = np.asarray(_page().resize((1600, 933), Image.Resampling.LANCZOS), dtype=np.float32)
    steps = [(round(k * math.sin(math.radians(degrees))), round(k * math.cos(math.radians(degrees))))
             for k in range(length)]
    smear = sum(np.roll(page, step, axis=(0, 1)) for step in steps) / length
    grain = np.random.default_rng(3).normal(0, 3, page.shape)
    out = io.BytesIO()
    Image.fromarray(np.clip(smear * 0.85 + 30 + grain, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=85)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


@pytest.mark.parametrize(("degrees", "length"), [(45, 7), (125, 6)])
def test_a_smear_on_a_slant_is_measured_from_the_photo_alone(degrees, length):
    """A hand moves in any direction, not only along the photo's sides (before: None, the page left smeared)."""
    from healthlib.readers.labfiles.image import motion_smear

    found = motion_smear(_photo_slanted(degrees, length))
    assert found is not None and _angle_apart(found[0], degrees) <= 12 and abs(found[1] - length) <= 1, found


@needs_tesseract
def test_a_page_smeared_on_a_slant_is_undone_sharper():
    """Undone along the direction measured, the smeared letters' edges are sharp again: the page's
    brightness changes no longer stay alike along the smear."""
    from healthlib.readers.labfiles.image import motion_smear, without_smear

    photo = _photo_slanted(45, 7)
    undone = without_smear(photo, *motion_smear(photo))
    assert motion_smear(undone) is None


def test_a_sharp_page_or_one_out_of_focus_has_no_smear():
    from PIL import ImageFilter

    from healthlib.readers.labfiles.image import motion_smear

    sharp = _page().resize((1600, 933), Image.Resampling.LANCZOS).convert("RGB")
    assert motion_smear(sharp) is None
    assert motion_smear(sharp.filter(ImageFilter.GaussianBlur(3))) is None  # blurred both ways: no one line to undo


@needs_tesseract
def test_a_smeared_photo_is_read_unsmeared_and_makes_up_no_figure():
    lines = read_page(_photo_smeared(0, 7))
    printed = {word for row in ROWS for word in row.split() if any(c.isdigit() for c in word)}
    assert [w for w in _figures(lines) if w not in printed] == [], lines
    assert sum(w in printed for w in _figures(lines)) >= 0.8 * len(printed) * 2, lines  # each row is printed twice


def _smeared_and_read():
    """(photo, its smear, the words read from the smear undone) of a photo smeared along an axis."""
    from healthlib.readers.labfiles.image import _tesseract, motion_smear, without_smear

    photo = _photo_smeared(0, 7)
    smear = motion_smear(photo)
    return photo, smear, _tesseract(prepare(without_smear(photo, *smear)), "4")


@needs_tesseract
def test_a_figure_the_other_undoings_of_the_smear_do_not_read_the_same_is_a_conflict():
    from healthlib.readers.labfiles.image import CONFLICT, _smear_checked

    photo, smear, words = _smeared_and_read()
    figures = [k for k, word in enumerate(words) if word[8] in ("140", "103", "5.5")]
    assert figures, [word[8] for word in words]
    misread = [(*word[:8], "148") if k == figures[0] else word for k, word in enumerate(words)]
    checked = _smear_checked(photo, smear, misread)
    assert checked[figures[0]][8] == CONFLICT  # "140" undone as "148": neither other undoing agrees
    assert sum(checked[k][8] != CONFLICT for k in figures[1:]) >= len(figures[1:]) // 2


@needs_tesseract
def test_the_smear_check_reads_its_second_page_only_for_figures_the_first_leaves_unsettled(monkeypatch):
    # preparing a page is most of a smeared photo's time (about 1.6 s of its 11-12 s)
    from healthlib.readers.labfiles.image import CONFLICT, _smear_checked

    photo, smear, words = _smeared_and_read()
    sheets = []
    real_sheet = image_module._read_sheet
    monkeypatch.setattr(image_module, "_read_sheet", lambda crops, *a, **kw: sheets.append(len(crops))
                        or real_sheet(crops, *a, **kw))
    sure = [word for word in words if word[8] in ("140", "103", "5.5")]
    assert [w[8] for w in _smear_checked(photo, smear, sure)] == [w[8] for w in sure]
    # along an axis one other undoing agreeing settles a figure: the second page is read for the rest only
    assert sheets[0] == len(sure) and (len(sheets) == 1 or sheets[1] < len(sure))
    sheets.clear()
    assert [w[8] for w in _smear_checked(photo, smear, [(*sure[0][:8], "148")])] == [CONFLICT]
    assert sheets == [1, 1]  # the first other undoing disagreed: the second is asked too
