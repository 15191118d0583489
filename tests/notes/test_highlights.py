"""Online results from a digest's Result part (`recweekly/notes/highlights.py`)."""

from __future__ import annotations

import pytest

from recweekly.notes.highlights import online_highlights


@pytest.mark.parametrize(("text", "highlights"), [
    ("已在快手大规模短视频服务中部署，支持超过4亿日活用户。在线实验显示稳定改进：GAUC增益0.29%，用户观看时间提升0.31%。",
     ("GAUC +0.29%", "watch time +0.31%")),
    ("部署后获得显著在线收益：GMV提升0.61%，PV_CTR提升2.32%，UV_CVR提升0.81%。",
     ("GMV +0.61%", "PV_CTR +2.32%", "UV_CVR +0.81%")),
    ("线上A/B测试中，延迟降低44.67%，吞吐提升121.33%，订单+6.35%。",
     ("latency -44.67%", "throughput +121.33%", "orders +6.35%")),
    ("离线AUC提升0.75%，在线CVR提升1.28%。", ("CVR +1.28%",)),  # the offline number is not an online result
    ("在三个公开数据集上Recall@20提升3.2%。", ()),  # no online sentence at all
    ("离线评估和大规模A/B测试显示相对于生产基线有持续改进。", ()),  # online, but no number
    ("Deployed on the AMAP platform, delivering online gains: +0.61% GMV, +2.32% PV_CTR.",
     ("GMV +0.61%", "PV_CTR +2.32%")),
    ("Online experiments show a GAUC gain of 0.29% and a 0.31% uplift in user watch time.",
     ("GAUC +0.29%", "watch time +0.31%")),
    ("It runs in the main feed and raised watch time by 0.42% in an A/B test.", ("watch time +0.42%",)),
    ("在线实验中，检索相关性提升0.21%。", ("检索相关性 +0.21%",)),  # a name the glossary lacks stays as written
])
def test_online_results_become_metric_and_change(text: str, highlights: tuple[str, ...]) -> None:
    assert online_highlights(text) == highlights
