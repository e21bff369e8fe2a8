"""The driver heap seedcheck asks for on local Spark masters, and when it leaves Spark's."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedcheck.engines import spark_memory
from seedcheck.engines.spark_memory import default_driver_memory, user_chose_driver_memory


def conf_dir(tmp_path: Path, text: str) -> dict[str, str]:
    (tmp_path / "spark-defaults.conf").write_text(text, encoding="utf-8")
    return {"SPARK_CONF_DIR": str(tmp_path)}


def test_a_quarter_of_the_machine_between_one_and_four_gib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    environ = {"SPARK_CONF_DIR": str(tmp_path)}  # no spark-defaults.conf there
    for total_gib, expected in ((2, "1024m"), (8, "2048m"), (24, "4096m"), (512, "4096m")):
        monkeypatch.setattr(spark_memory, "physical_memory", lambda t=total_gib: t * 2**30)
        assert default_driver_memory(environ) == expected
    monkeypatch.setattr(spark_memory, "physical_memory", lambda: None)
    assert default_driver_memory(environ) is None  # unknown machine: Spark's default


@pytest.mark.parametrize(
    "environ",
    [
        {"PYSPARK_SUBMIT_ARGS": "--driver-memory 3g pyspark-shell"},
        {"PYSPARK_SUBMIT_ARGS": "--conf spark.driver.memory=3g pyspark-shell"},
        {"SPARK_DRIVER_MEMORY": "3g"},
    ],
)
def test_the_users_choice_in_the_environment_is_kept(
    environ: dict[str, str], tmp_path: Path
) -> None:
    environ = {**environ, "SPARK_CONF_DIR": str(tmp_path)}
    assert user_chose_driver_memory(environ)
    assert default_driver_memory(environ) is None


@pytest.mark.parametrize(
    "line", ["spark.driver.memory 3g", "spark.driver.memory=3g", "  spark.driver.memory\t2g"]
)
def test_the_users_spark_defaults_conf_is_kept(line: str, tmp_path: Path) -> None:
    environ = conf_dir(tmp_path, f"# settings\nspark.executor.memory 2g\n{line}\n")
    assert user_chose_driver_memory(environ)
    assert default_driver_memory(environ) is None


def test_other_settings_and_comments_do_not_count(tmp_path: Path) -> None:
    environ = conf_dir(tmp_path, "# spark.driver.memory 3g\nspark.driver.memoryOverhead 1g\n")
    assert not user_chose_driver_memory(environ)
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "spark-defaults.conf").write_text("spark.driver.memory 5g\n", encoding="utf-8")
    assert user_chose_driver_memory({"SPARK_HOME": str(home)})
