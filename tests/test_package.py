"""The public surface: complete, importable, cheap to import, and its examples run.

The rule: a name a private module (``vision_viz._x``) lists in its ``__all__`` is public. The
explorer's building blocks are published in ``vision_viz.explorer``, everything else in ``vision_viz``
(which also offers ``explore``). Every published object says where users import it from
(``__module__``), so reprs, tracebacks and ``help()`` show ``vision_viz.X``.
"""

import doctest
import importlib
import inspect
import pkgutil
import subprocess
import sys

import pytest

import vision_viz
import vision_viz.explorer

MODULES = sorted(m.name for m in pkgutil.iter_modules(vision_viz.__path__, "vision_viz."))
PRIVATE = [importlib.import_module(name) for name in MODULES if name.startswith("vision_viz._")]
NAMESPACES = {"vision_viz": vision_viz, "vision_viz.explorer": vision_viz.explorer}
PUBLISHED = [(home, name) for home, namespace in NAMESPACES.items() for name in namespace.__all__]


def published_by(home):
    """What the private modules publish in ``home``: {name: private module}."""
    explorer = {n: m.__name__ for m in PRIVATE if m.__name__.startswith("vision_viz._explorer") for n in m.__all__}
    if home == "vision_viz.explorer":
        return explorer
    rest = {
        n: m.__name__
        for m in PRIVATE
        if not m.__name__.startswith("vision_viz._explorer")
        for n in vars(m).get("__all__", ())
    }
    return {**rest, "explore": explorer["explore"]}


@pytest.mark.parametrize("home", NAMESPACES)
def test_all_is_exactly_what_the_private_modules_publish(home):
    expected = published_by(home)
    assert sorted(NAMESPACES[home].__all__) == sorted(expected)
    assert len(set(NAMESPACES[home].__all__)) == len(expected), "a name is listed twice"
    if home == "vision_viz":
        assert {n: f"vision_viz.{m}" for n, m in vision_viz._EXPORTS.items()} == expected


def test_explorer_internals_are_not_at_the_top():
    assert set(vision_viz.__all__) & set(vision_viz.explorer.__all__) == {"explore"}
    for name in ("render", "ExplorerState", "Catalogue", "replay_plan"):
        assert not hasattr(vision_viz, name)


@pytest.mark.parametrize(("home", "name"), PUBLISHED, ids=[f"{h}.{n}" for h, n in PUBLISHED])
def test_every_public_name_imports_and_says_where_it_lives(home, name):
    namespace = NAMESPACES[home]
    value = getattr(namespace, name)
    assert name in dir(namespace)
    origin = published_by(home)[name]
    assert value is getattr(importlib.import_module(origin), name)
    expected_home = "vision_viz.explorer" if origin.startswith("vision_viz._explorer") else "vision_viz"
    assert value.__module__ == expected_home


def test_a_traceback_names_the_public_error():
    code = "import vision_viz._errors as e; raise e.RecordingError('no')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "vision_viz.RecordingError: no"


FUNCTIONS = [(h, n) for h, n in PUBLISHED if inspect.isfunction(getattr(NAMESPACES[h], n))]


@pytest.mark.parametrize(("home", "name"), FUNCTIONS, ids=[f"{h}.{n}" for h, n in FUNCTIONS])
def test_every_public_function_is_typed_and_documented_with_an_example(home, name):
    function = getattr(NAMESPACES[home], name)
    doc = function.__doc__
    assert doc and ">>>" in doc, f"{name} has no example in its docstring"
    hints = function.__annotations__
    assert "return" in hints, f"{name} has no return type"
    assert all(p in hints for p in inspect.signature(function).parameters), f"{name} has untyped parameters"


def test_an_unknown_name_says_so():
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        _ = vision_viz.nope


def test_import_is_light():
    """Importing the package loads none of its heavy dependencies: each is loaded on first use."""
    heavy = "('matplotlib', 'ipywidgets', 'PIL', 'numpy', 'vcr', 'requests')"
    code = f"import sys, vision_viz; print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy}))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_parsing_does_not_import_requests():
    """Drawing a saved answer needs no HTTP library: ``vv.parse`` and its errors stay clear of requests."""
    code = (
        "import sys, vision_viz as vv; vv.parse({'tags': []}); vv.ResponseBodyError; print('requests' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_drawing_with_pillow_does_not_import_matplotlib():
    code = (
        "import sys, vision_viz; from PIL import Image;"
        "vision_viz.draw(Image.new('RGB', (20, 20)), {'tags': [{'name': 'x', 'confidence': 1}]});"
        "print('matplotlib' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def examples_in(module):
    """The docstring examples of what a module defines, run in its own namespace.

    doctest skips objects whose ``__module__`` names another module, which every published name now
    does; so look at everything in the module and keep the module's own objects: those it defines,
    and those it publishes. A public module's re-exports are tested where they are defined.
    """
    private = module.__name__.startswith("vision_viz._")
    published = set(getattr(module, "__all__", ())) if private else set()
    reexported = set() if private else set(getattr(module, "__all__", ()))
    for test in doctest.DocTestFinder().find(module, module=False, globs=vars(module)):
        top = test.name.removeprefix(module.__name__).lstrip(".").split(".")[0]
        value = vars(module).get(top)
        own = top in published or (getattr(value, "__module__", None) == module.__name__ and top not in reexported)
        if test.examples and (top == "" or own):
            yield test


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples_run(module_name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in examples_in(importlib.import_module(module_name)):
        runner.run(test)
    assert runner.failures == 0


def test_every_published_object_s_examples_are_found():
    """Guards ``examples_in``: a published function with an example is among its module's examples."""
    found = {test.name for module in PRIVATE for test in examples_in(module)}
    assert {
        "vision_viz._draw.draw",
        "vision_viz._explorer_model.render",
        "vision_viz._parse.parse",
        "vision_viz._display.Drawing",
    } <= found
