"""The shared explorer mechanism: wiring, in-place updates, error capture, reset, static view."""

import base64
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.controls import dropdown, log_slider, slider
from helpers.explorer import Explorer, Frame, RunCache


def _make(animated=True, fail_above=None, actions=None, k=1.0):
    calls = []

    def setup(fig):
        ax = fig.add_subplot()
        ax.set_xlim(0, 1)
        ax.set_ylim(-5, 5)
        (line,) = ax.plot([0, 1], [0, 0])
        return SimpleNamespace(line=line)

    def update(view, values):
        calls.append(dict(values))
        if fail_above is not None and values["k"] > fail_above:
            raise RuntimeError("k is too large for this test")
        view.line.set_ydata([0, values["k"]])
        return f"k = {values['k']:.2f} ({values['kind']})"

    explorer = Explorer(
        title="test explorer", hint="move k",
        controls={"k": slider("k", k, -5.0, 5.0, 0.5),
                  "kind": dropdown("kind", ["a", "b"]),
                  "lr": log_slider("lr", 0.1, -3, 1)},
        setup=setup, update=update, actions=actions,
        animated=(lambda view: [view.line]) if animated else None)
    return explorer, calls


@pytest.mark.parametrize("animated", [True, False])
def test_a_control_move_updates_the_artists_in_place(animated):
    explorer, calls = _make(animated=animated)
    line = explorer.view.line
    explorer.controls["k"].value = 3.0
    explorer.draw_now()
    assert explorer.view.line is line
    assert list(line.get_ydata()) == [0, 3.0]
    assert calls[-1]["k"] == 3.0
    assert "k = 3.00 (a)" in explorer.readout.value


def test_every_control_is_wired_once():
    explorer, calls = _make()
    before = len(calls)
    explorer.controls["kind"].value = "b"
    explorer.controls["lr"].value = 1.0
    assert len(calls) == before + 2


def test_set_updates_once_for_several_controls():
    explorer, calls = _make()
    before = len(calls)
    explorer.set(k=2.0, kind="b")
    assert len(calls) == before + 1
    with pytest.raises(ValueError, match="unknown control"):
        explorer.set(nope=1)


def test_an_exception_in_update_is_shown_and_kept_not_raised():
    explorer, _ = _make(fail_above=2.0)
    explorer.controls["k"].value = 4.0
    assert len(explorer.errors) == 1 and "k is too large" in explorer.errors[0]
    shown = explorer.error_box.outputs
    assert shown and "k is too large" in shown[0]["text"]
    explorer.controls["k"].value = 1.5  # a good value clears the message
    assert explorer.error_box.outputs == ()


def test_reset_restores_the_first_values():
    explorer, _ = _make()
    explorer.set(k=-4.0, kind="b")
    explorer.buttons["Reset"].click()
    assert explorer.values() == {"k": 1.0, "kind": "a", "lr": pytest.approx(0.1)}
    assert list(explorer.view.line.get_ydata()) == [0, 1.0]


def test_action_buttons_set_controls():
    explorer, _ = _make(actions={"Double k": lambda view, values: {"k": 2 * values["k"]}})
    explorer.buttons["Double k"].click()
    assert explorer.values()["k"] == 2.0


def test_action_errors_are_captured():
    def broken(view, values):
        raise ZeroDivisionError("boom")

    explorer, _ = _make(actions={"Break": broken})
    explorer.buttons["Break"].click()
    assert "boom" in explorer.errors[-1]


def test_static_picture_and_stable_text_travel_with_the_widget():
    explorer, _ = _make()
    bundle, metadata = explorer._repr_mimebundle_()
    png = base64.b64decode(bundle["image/png"])
    # The picture's text alternative (nbconvert writes it as <img alt>): title and hint.
    assert metadata["image/png"]["alt"].startswith("test explorer")
    assert png.startswith(b"\x89PNG")
    assert bundle["text/plain"] == "test explorer — controls: k, kind, lr\nk = 1.00 (a)"
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_the_static_picture_shows_the_moving_artists():
    # Blitted artists are left out of a normal savefig; the static view must still show them.
    first, _ = _make(animated=True)
    moved, _ = _make(animated=True)
    moved.set(k=-4.0)
    assert moved._static_png == first._static_png  # the picture is of the first state
    other, _ = _make(animated=True, k=-4.0)  # same figure, only the blitted line differs
    assert other._static_png != first._static_png


def test_explorers_leave_no_pyplot_figures_behind():
    before = plt.get_fignums()
    for _ in range(3):
        _make()
    assert plt.get_fignums() == before


def test_blitting_changes_the_pixels():
    explorer, _ = _make(animated=True)
    first = np.asarray(explorer.canvas.buffer_rgba()).copy()
    explorer.controls["k"].value = -4.0
    assert not np.array_equal(first, np.asarray(explorer.canvas.buffer_rgba()))


@pytest.mark.parametrize("pyplot_first", [True, False])
def test_static_figures_stay_pictures_after_importing_explorers(pyplot_first):
    # ipympl switches matplotlib to its widget backend on import; in a notebook, a plain
    # plt.show() after `import helpers.widgets` must still give an inline PNG.
    import nbformat
    from nbclient import NotebookClient

    setup = ("import matplotlib.pyplot as plt\nimport helpers.widgets" if pyplot_first
             else "import helpers.widgets\nimport matplotlib.pyplot as plt")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(setup),
                nbformat.v4.new_code_cell("plt.plot([1, 2]); plt.show()")]
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    kinds = [mime for output in nb.cells[1].outputs for mime in output.get("data", {})]
    assert "image/png" in kinds


def test_encode_png_round_trips_through_a_real_decoder():
    import io

    from PIL import Image

    from helpers.explorer import encode_png

    rng = np.random.default_rng(0)
    rgba = np.zeros((37, 53, 4), dtype=np.uint8)
    rgba[5:20, 10:40] = rng.integers(0, 256, size=(15, 30, 4))
    decoded = np.asarray(Image.open(io.BytesIO(encode_png(rgba))).convert("RGBA"))
    assert np.array_equal(decoded, rgba)


def test_each_move_sends_one_whole_frame_that_stands_on_its_own():
    # Frames sent without a browser request must not depend on the one before (see
    # _ExplorerCanvas): each is the full picture, in "full" image mode.
    import io

    from PIL import Image

    explorer, _ = _make(animated=True)
    sent = []
    explorer.canvas.send_binary = sent.append
    explorer.controls["k"].value = -3.0
    explorer.controls["k"].value = 2.0
    assert len(sent) == 2 and explorer.canvas._image_mode == "full"
    frame = np.asarray(Image.open(io.BytesIO(sent[-1])).convert("RGBA"))
    assert np.array_equal(frame, np.asarray(explorer.canvas.buffer_rgba()))


def test_an_update_that_changes_the_layout_gets_one_full_draw_sent_once():
    # The redraw contract: an update that changed the layout (new limits) says so with
    # Frame(..., layout_changed=True); the explorer draws everything once, re-caches the
    # blitting background, and sends that one frame (no second blit after it).
    sent = []

    def setup(fig):
        ax = fig.add_subplot()
        (line,) = ax.plot([0, 1], [0, 0])
        return SimpleNamespace(ax=ax, line=line)

    def update(view, values):
        view.line.set_ydata([0, values["k"]])
        layout_changed = values["k"] > 2 and view.ax.get_ylim() != (-10, 10)
        if layout_changed:
            view.ax.set_ylim(-10, 10)
        return Frame(f"k = {values['k']}", layout_changed)

    explorer = Explorer(title="t", controls={"k": slider("k", 1.0, -5.0, 5.0, 0.5)},
                        setup=setup, update=update, animated=lambda view: [view.line])
    explorer.canvas.send_binary = sent.append
    explorer.controls["k"].value = 1.5  # a blit
    background = explorer._background
    explorer.controls["k"].value = 4.0  # a full draw, and nothing more
    assert len(sent) == 2
    assert list(explorer.view.line.get_ydata()) == [0, 4.0]
    assert explorer._background is not background  # re-cached with the new y-range
    assert explorer.readout.value.endswith("k = 4.0</pre>")
    explorer.controls["k"].value = 4.5  # the layout stays: a blit over the new background
    assert len(sent) == 3


def _keyed_layout_explorer(prerender=()):
    # A choice of y-range, each a named layout (Frame.layout_key); k moves the line.
    from helpers.controls import dropdown

    def setup(fig):
        ax = fig.add_subplot()
        (line,) = ax.plot([0, 1], [0, 0])
        return SimpleNamespace(ax=ax, line=line, shown=None)

    def update(view, values):
        view.line.set_ydata([0, values["k"]])
        changed = values["range"] != view.shown
        if changed:
            view.ax.set_ylim(-values["range"], values["range"])
            view.shown = values["range"]
        return Frame(f"k = {values['k']}", changed, layout_key=values["range"])

    explorer = Explorer(title="t", controls={"k": slider("k", 1.0, -5.0, 5.0, 0.5),
                                             "range": dropdown("range", [2, 5, 10], 5)},
                        setup=setup, update=update, animated=lambda view: [view.line],
                        prerender=prerender)
    full_draws = []
    explorer.canvas.mpl_connect("draw_event", full_draws.append)
    return explorer, full_draws


def test_a_layout_seen_before_is_blitted_from_its_kept_background_not_redrawn():
    explorer, full_draws = _keyed_layout_explorer()
    explorer.set(range=10)  # new: one full draw
    explorer.set(k=2.0)  # a blit
    explorer.set(range=5)  # seen at build: its background, no full draw
    assert len(full_draws) == 1
    kept = np.asarray(explorer.canvas.buffer_rgba()).copy()
    explorer.canvas.draw()  # what a full draw of the same state paints
    assert np.array_equal(kept, np.asarray(explorer.canvas.buffer_rgba()))
    assert explorer.view.ax.get_ylim() == (-5, 5)  # the artists' state moved along too
    # A new canvas size makes every kept background stale: full draws again.
    explorer.figure.set_size_inches(5.0, 3.0)
    explorer.canvas.draw()
    before = len(full_draws)
    explorer.set(range=10)
    assert len(full_draws) == before + 1


def test_prerendered_layouts_make_even_the_first_switch_a_blit():
    explorer, full_draws = _keyed_layout_explorer(prerender=[{"range": 2}, {"range": 10}])
    assert explorer.values() == {"k": 1.0, "range": 5}  # back at the first values
    explorer.set(range=2)
    explorer.set(range=10)
    assert full_draws == []
    kept = np.asarray(explorer.canvas.buffer_rgba()).copy()
    explorer.canvas.draw()
    assert np.array_equal(kept, np.asarray(explorer.canvas.buffer_rgba()))


def test_run_cache_keeps_the_most_recent_runs_and_recomputes_only_new_keys():
    computed = []

    def compute(key):
        return lambda: computed.append(key) or f"run {key}"

    cache = RunCache(keep=2)
    assert cache.get("a", compute("a")) == "run a"
    assert cache.get("b", compute("b")) == "run b"
    assert cache.get("a", compute("a")) == "run a"  # seen before: not recomputed
    assert computed == ["a", "b"]
    cache.get("c", compute("c"))  # pushes out the least recent, "b"
    assert len(cache) == 2
    cache.get("b", compute("b"))
    assert computed == ["a", "b", "c", "b"]
