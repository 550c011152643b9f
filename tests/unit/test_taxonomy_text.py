"""Finding tags by text (both languages, synonyms, completion) and tags from seeding."""

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.taxonomy import DEFAULT_FACETS, TaxonomyError

from .catalog_helpers import entry_id
from .taxonomy_helpers import node, tag


def test_resolve_in_both_languages_synonyms_case_and_dashes(tax):
    vqa = tag(tax, "VQA")
    assert tax.resolve("rs vqa") == tax.resolve("视觉问答") == tax.resolve("  Visual Question Answering ") == [vqa]
    retrieval = tag(tax, "Image–text retrieval")
    assert tax.resolve("image-text retrieval") == tax.resolve("图文检索") == [retrieval]
    assert tax.resolve("图像-文本") == [tag(tax, "Image–text")]  # em dash in the label, hyphen typed
    location = tax.resolve("Location")
    assert len(location) == 2 and tax.resolve("location", "modality") == [location[0]]
    assert tax.resolve("no such tag") == [] and tax.resolve("") == []
    with pytest.raises(TaxonomyError):
        tax.resolve("VQA", "no_such_facet")


def test_completion_over_both_languages_and_synonyms(tax):
    hits = tax.complete("视觉")
    assert [(h.label_en, h.via) for h in hits] == [
        ("Visual grounding", "zh"), ("VLM", "zh"), ("VQA", "zh")]
    assert [h.label_en for h in tax.complete("视觉", "task")] == ["Visual grounding", "VQA"]
    assert [(h.label_en, h.matched) for h in tax.complete("rs v")] == [("VQA", "RS VQA")]
    assert [h.label_en for h in tax.complete("问答")] == ["VQA"]  # inside a Chinese label
    task = [h.label_en for h in tax.complete("det", "task")]
    assert task == ["Change detection", "Object detection", "Ship detection"]  # word starts
    assert tax.complete("   ") == []


def test_synonyms_added_and_removed_resolve_and_undo(tax, stack):
    sar = tag(tax, "SAR")
    tax.add_synonym(sar, "雷达影像")
    assert tax.resolve("雷达影像") == [sar]
    assert [h.tag_id for h in tax.complete("雷达")] == [sar]
    for text in ("Hyperspectral", "sar", "SITS"):  # another tag's label, its own label, a synonym
        with pytest.raises(TaxonomyError):
            tax.add_synonym(sar, text)
    tax.remove_synonym(sar, "synthetic APERTURE radar")
    assert tax.resolve("Synthetic aperture radar") == []
    with pytest.raises(TaxonomyError):
        tax.remove_synonym(sar, "not a synonym")
    stack.undo()
    stack.undo()
    assert tax.resolve("Synthetic aperture radar") == [sar] and tax.resolve("雷达影像") == []


def test_seeding_tags_the_fixture_entries(catalog, tax):
    geochat = tax.entry_tags(Kind.PAPER, [entry_id(catalog, "GeoChat")])[entry_id(catalog, "GeoChat")]
    assert [(t.facet_key, t.label_en) for t in geochat] == [
        ("family", "MLLM"), ("modality", "Optical/RGB"), ("task", "Scene classification"),
        ("task", "Visual grounding"), ("task", "VQA"), ("paradigm", "Image–text"),
    ]
    rsieval = entry_id(catalog, "RSIEval")
    assert [t.label_zh for t in tax.entry_tags(Kind.DATASET, [rsieval])[rsieval]] == ["图像描述", "视觉问答"]
    new = node(tax, tag(tax, "Few-shot classification"))  # not a default: created at the task root
    assert (new.parent_id, new.label_zh, new.papers) == (None, None, 1)
    assert tax.entry_tags(Kind.PAPER, [10_000]) == {}


def test_defaults_are_applied_once_and_deleted_defaults_stay_deleted(targets, target, catalog, tax):
    count = sum(1 for f in tax.tree(counts=False) for _ in f.walk())
    assert count == 1 + sum(_count(f.tags) for f in DEFAULT_FACETS)
    tax.delete_tag(tag(tax, "Agent"))
    catalog.close()
    reopened = targets.open(target).taxonomy
    assert sum(1 for f in reopened.tree(counts=False) for _ in f.walk()) == count - 1
    assert reopened.resolve("Agent") == []


def _count(tags) -> int:
    return sum(1 + _count(t.children) for t in tags)
