"""Imports run down the layers (ARCHITECTURE.md, Layers): the import-linter contracts in pyproject.toml
hold for the code as it is, and they would catch a services module that imports a tasks module."""
from pathlib import Path

import grimp
from importlinter import configuration
from importlinter.application.use_cases import read_user_options
from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract

configuration.configure()  # what `lint-imports` does first

PYPROJECT = str(Path(__file__).resolve().parents[3] / "pyproject.toml")


def _contracts():
    options = read_user_options(PYPROJECT)
    return options, {c["id"]: c for c in options.contracts_options}


def test_the_contracts_hold():
    """As `lint-imports` runs them; a broken contract's report (which imports, at which lines) is in
    the captured output."""
    assert set(BREAKS) <= set(_contracts()[1])
    assert lint_imports(config_filename=PYPROJECT, no_cache=True, no_logo=True) == EXIT_STATUS_SUCCESS


BREAKS = {
    "no-tasks-below": [("gongkai.foi.services.notice_issue", "gongkai.foi.tasks"),
                       ("gongkai.catalog.importing.jobs", "gongkai.catalog.tasks"),
                       ("gongkai.opendata.services", "gongkai.opendata.tasks"),
                       ("gongkai.foi.signals", "gongkai.foi.receivers"),
                       ("gongkai.oversight.selectors", "gongkai.oversight.staff_views")],
    "reads-below-writes": [("gongkai.foi.selectors", "gongkai.foi.services.common"),
                           ("gongkai.reports.signals", "gongkai.reports.services")],
    # the cycles untangled when these contracts came in: each would come back as a cycle between siblings
    "no-cycles-in-an-app": [("gongkai.search.index", "gongkai.search.services"),
                            ("gongkai.reports.checker", "gongkai.reports.verdict"),
                            ("gongkai.review.checkpoints", "gongkai.review.integrity")],
}
CONTRACT_TYPES = {"forbidden": ForbiddenContract, "acyclic_siblings": AcyclicSiblingsContract}


def test_each_contract_catches_an_upward_import():
    """The contracts are not vacuous: their wildcards reach the split services packages, the importer
    and the signals modules, and a cycle inside an app is caught."""
    options, contracts = _contracts()
    graph = grimp.build_graph("gongkai", include_external_packages=False)
    if "gongkai.reports.signals" not in graph.modules:
        graph.add_module("gongkai.reports.signals")  # moved to receivers.py; the rule still covers the name
    for contract_id, imports in BREAKS.items():
        raw = dict(contracts[contract_id])
        contract = CONTRACT_TYPES[raw["type"]](name=raw.pop("name"), session_options=options.session_options,
                                               contract_options=raw)
        assert contract.check(graph, verbose=False).kept, contract_id
        for importer, imported in imports:
            graph.add_import(importer=importer, imported=imported)
            assert not contract.check(graph, verbose=False).kept, (contract_id, importer, imported)
            graph.remove_import(importer=importer, imported=imported)
