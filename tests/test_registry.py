import re

import pytest

from helpers import registry

HEX = {"sha256": 64, "sha1": 40, "md5": 32}


@pytest.mark.parametrize("name", registry.DATASETS)
def test_every_dataset_has_files_licence_and_citation(name):
    dataset = registry.DATASETS[name]
    assert dataset.files, f"{name} lists no files"
    assert dataset.licence.strip() and dataset.citation.strip() and dataset.weeks.strip()


@pytest.mark.parametrize("remote", registry.FILES.values(), ids=list(registry.FILES))
def test_every_file_has_url_name_and_a_checksum_or_an_explicit_unknown(remote):
    assert re.fullmatch(r"https?://\S+", remote.url)
    assert remote.url.rsplit("/", 1)[-1] == remote.filename or remote.filename in remote.url
    assert remote.size
    if remote.checksum is None:
        assert remote.checksum_source.startswith("unknown")
    else:
        algorithm, digest = remote.checksum.split(":")
        assert re.fullmatch(rf"[0-9a-f]{{{HEX[algorithm]}}}", digest), remote.checksum
        assert not remote.checksum_source.startswith("unknown")


def test_the_syllabus_datasets_are_all_registered():
    needed = {
        "imdb.npz", "imdb_word_index.json", "reuters.npz", "reuters_word_index.json", "boston_housing.npz",
        "mnist.npz", "train-images-idx3-ubyte.gz", "seeds_dataset.txt", "HIGGS.csv.gz",
        "kagglecatsanddogs_5340.zip", "images.tar.gz", "annotations.tar.gz",
        "jena_climate_2009_2016.csv.zip", "timemachine.txt",
    }
    assert needed <= set(registry.FILES)


def test_file_names_are_unique():
    names = [f.filename for d in registry.DATASETS.values() for f in d.files]
    assert len(names) == len(set(names))


def test_an_unknown_file_is_named_in_the_error():
    with pytest.raises(KeyError, match="not-there.zip"):
        registry.find("not-there.zip")


def test_data_readme_is_generated_from_the_registry():
    readme = (registry.__file__.rsplit("/helpers/", 1)[0]) + "/data/README.md"
    assert open(readme).read() == registry.datacard(), "data/README.md is stale: run `make readme`"
