"""Organisations recognised in free text from the config's org table."""

from __future__ import annotations

from pathlib import Path

import pytest

from recweekly.config import Config, config_from_mapping
from recweekly.notes.orgs import recognise_orgs

CONFIG = Config(root=Path("."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SMES已在快手大规模短视频服务中部署", ("Kuaishou",)),
        ("deployed on the AMAP platform", ("Alibaba",)),  # alias
        ("在阿里巴巴和阿里妈妈的展示广告中", ("Alibaba",)),  # once, however often named
        ("Built with Tsinghua University, tested on Xiaohongshu", ("Tsinghua University", "Xiaohongshu")),
        ("与清华大学合作，在小红书电商上线", ("Tsinghua University", "Xiaohongshu")),
        ("Deployed in JD.com search", ("JD.com",)),
        ("🏢 京东", ("JD.com",)),
    ],
)
def test_names_aliases_and_chinese_names_are_recognised_in_order(text: str, expected: tuple[str, ...]) -> None:
    assert recognise_orgs([text], CONFIG) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We use meta-learning and metadata to pick the target item.",
        "Meta-Learning User Embeddings for Sparse Markets",
        "Experiments on the Amazon-Book and Yelp data",
        "on Amazon Reviews datasets",
        "在Amazon Reviews数据集上",
    ],
)
def test_common_words_and_dataset_names_are_not_organisations(text: str) -> None:
    assert recognise_orgs([text], CONFIG) == ()


def test_orgs_added_in_the_config_are_recognised(tmp_path: Path) -> None:
    config = config_from_mapping(
        {"orgs": {"Shopee": {"zh": "虾皮", "kind": "industry", "aliases": ["SeaMoney"]}}}, root=tmp_path
    )
    assert recognise_orgs(["在虾皮电商部署", "and SeaMoney"], config) == ("Shopee",)
    assert recognise_orgs(["在快手部署"], config) == ("Kuaishou",)  # defaults still known
