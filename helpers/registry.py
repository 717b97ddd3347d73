"""The dataset registry: one entry per dataset of the syllabus.

Each file has its official URL and a checksum from a trustworthy source, named
in ``checksum_source``: the hash Keras pins for its own datasets, the
publisher's, the size and SHA-256 that TensorFlow Datasets records for the files
its builders download (``checksums.tsv``), or a file of the course's offline
mirror checked against independent copies (``shared/datasets/MANIFEST.md``).
Where no such hash is published, ``checksum`` is ``None`` ("unknown") and the
loader pins the SHA-256 of the first complete download instead (trust on first
use), after checking its format. ``length`` is the exact size in bytes where one
is published, checked before the checksum; ``hosts`` names the other hosts the
official URL may redirect to.

Example::

    >>> FILES["imdb.npz"].checksum[:14]
    'sha256:6966411'
"""

from __future__ import annotations

from dataclasses import dataclass, field

KERAS_DATASETS = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
KERAS_PINNED = "pinned by Keras (keras.datasets / keras.applications)"
UNKNOWN = "unknown: no hash is published; the first complete download is pinned (trust on first use)"
# TensorFlow Datasets keeps the size and SHA-256 of every file its builders download.
TFDS = "TensorFlow Datasets, {}"
MIRROR = "course mirror shared/datasets/MANIFEST.md ({})"


@dataclass(frozen=True)
class RemoteFile:
    """One file to download: its name on disk, official URL and checksum.

    ``checksum`` is ``"<algorithm>:<hex digest>"`` (sha256, sha1 or md5) or
    ``None`` when no trustworthy hash is known.
    """

    filename: str
    url: str
    checksum: str | None
    checksum_source: str
    size: str  # approximate, for people: "17 MB"
    length: int | None = None  # exact size in bytes, where published
    hosts: tuple[str, ...] = ()  # other hosts the URL may redirect to (https stays https)

    @property
    def algorithm(self) -> str | None:
        return self.checksum.split(":", 1)[0] if self.checksum else None

    @property
    def digest(self) -> str | None:
        return self.checksum.split(":", 1)[1] if self.checksum else None


@dataclass(frozen=True)
class Dataset:
    """A dataset of the course: its files, licence, citation and where it is used."""

    name: str
    title: str
    weeks: str
    licence: str
    citation: str
    files: tuple[RemoteFile, ...] = field(default_factory=tuple)
    notes: str = ""


def _keras(filename: str, checksum: str, size: str, length: int | None = None) -> RemoteFile:
    return RemoteFile(filename, KERAS_DATASETS + filename, checksum, KERAS_PINNED, size, length)


_FASHION = "Fashion-MNIST's README (publisher's MD5)"
# The publisher's own copy, which its MD5s describe; Keras serves the same file names elsewhere.
FASHION_MNIST = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in [
        Dataset(
            "imdb",
            "IMDB movie reviews, pre-tokenised (Keras copy)",
            "3, 6, 10-11",
            "Research use; from the Large Movie Review Dataset (Maas et al.)",
            "Maas, A. et al. (2011). Learning Word Vectors for Sentiment Analysis. ACL.",
            (
                _keras(
                    "imdb.npz",
                    "sha256:69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f",
                    "17 MB",
                ),
                _keras("imdb_word_index.json", "md5:bfafd718b763782e994055a2d397834f", "1.6 MB", 1641221),
            ),
        ),
        Dataset(
            "reuters",
            "Reuters-21578 newswires, 46 topics (Keras copy)",
            "4, 10-11",
            "Research use (Reuters-21578 distribution terms)",
            "Lewis, D. (1997). Reuters-21578 text categorization collection. UCI KDD Archive.",
            (
                _keras(
                    "reuters.npz",
                    "sha256:d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916",
                    "2.1 MB",
                    2110848,
                ),
                _keras("reuters_word_index.json", "md5:4d44cc38712099c9e383dc6e5f11a921", "0.6 MB", 550378),
            ),
        ),
        Dataset(
            "boston_housing",
            "Boston housing prices (Keras copy, 506 rows, 13 features)",
            "5",
            "Public domain (StatLib); see the dataset's known ethical problems",
            "Harrison, D. and Rubinfeld, D. (1978). Hedonic prices and the demand for clean air. "
            "J. Environ. Economics & Management 5, 81-102.",
            (
                _keras(
                    "boston_housing.npz",
                    "sha256:f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5",
                    "57 KB",
                    57026,
                ),
            ),
        ),
        Dataset(
            "mnist",
            "MNIST handwritten digits (Keras copy)",
            "6, 8",
            "CC BY-SA 3.0",
            "LeCun, Y., Cortes, C. and Burges, C. The MNIST database of handwritten digits.",
            (
                _keras(
                    "mnist.npz",
                    "sha256:731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
                    "11 MB",
                ),
            ),
        ),
        Dataset(
            "fashion_mnist",
            "Fashion-MNIST (Zalando), the publisher's files (Keras reads the same four)",
            "9",
            "MIT (Zalando SE)",
            "Xiao, H., Rasul, K. and Vollgraf, R. (2017). Fashion-MNIST. arXiv:1708.07747.",
            tuple(
                RemoteFile(name, FASHION_MNIST + name, "md5:" + md5, _FASHION, size, length)
                for name, md5, size, length in [
                    ("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe", "29 KB", 29515),
                    ("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "26 MB", None),
                    ("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310", "5 KB", 5148),
                    ("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79", "4.3 MB", None),
                ]
            ),
        ),
        Dataset(
            "seeds",
            "UCI seeds: wheat kernels of three varieties, 7 geometric features",
            "3",
            "CC BY 4.0",
            "Charytanowicz, M. et al. (2010). Seeds [Dataset]. UCI Machine Learning Repository. "
            "https://doi.org/10.24432/C5H30K",
            (
                RemoteFile(
                    "seeds_dataset.txt",
                    "https://archive.ics.uci.edu/ml/machine-learning-databases/00236/seeds_dataset.txt",
                    "sha256:1f3f83c0d8485ae9148061389d19628607e3f5660e3d6f40ec9102fb398bb12f",
                    MIRROR.format("byte-identical to an independent copy"),
                    "9 KB",
                    9300,
                ),
            ),
            notes="Tab-separated, no header, some rows padded with extra tabs.",
        ),
        Dataset(
            "higgs",
            "UCI HIGGS: 11 million simulated collisions, 28 features",
            "7",
            "CC BY 4.0",
            "Baldi, P., Sadowski, P. and Whiteson, D. (2014). Searching for exotic particles in "
            "high-energy physics with deep learning. Nature Communications 5, 4308.",
            (
                RemoteFile(
                    "HIGGS.csv.gz",
                    "https://archive.ics.uci.edu/ml/machine-learning-databases/00280/HIGGS.csv.gz",
                    "sha256:ea302c18164d4e3d916a1e2e83a9a8d07069fa6ebc7771e4c0540d54e593b698",
                    TFDS.format("url_checksums/higgs.txt"),
                    "2.8 GB",
                    2816407858,
                ),
            ),
            notes="Week 7 needs only the first 11,000 rows: the loader streams and stops there.",
        ),
        Dataset(
            "dogs_vs_cats",
            "Dogs vs cats photographs (Microsoft's Kaggle cats-and-dogs archive)",
            "8",
            "Research use (Microsoft Research Asirra licence)",
            "Elson, J. et al. (2007). Asirra: a CAPTCHA that exploits interest-aligned manual "
            "image categorization. ACM CCS.",
            (
                RemoteFile(
                    "kagglecatsanddogs_5340.zip",
                    "https://download.microsoft.com/download/3/E/1/3E1C3F21-ECDB-4869-8368-"
                    "6DEBA77B919F/kagglecatsanddogs_5340.zip",
                    None,
                    UNKNOWN,
                    "787 MB",
                ),
            ),
            notes="Week 8 makes a 1,000/500/1,000-per-class split from it once (files that are not valid JPEGs "
            "are skipped and counted); a split already in `COURSE_DATA_DIR/cats_and_dogs_small/"
            "{train,validation,test}/{cats,dogs}/` (the book's first-edition 1,000/500/500, say) is used as it is.",
        ),
        Dataset(
            "vgg16_imagenet",
            "VGG16 ImageNet weights without the classifier (keras.applications)",
            "8",
            "CC BY 4.0 (VGG team, Oxford)",
            "Simonyan, K. and Zisserman, A. (2015). Very deep convolutional networks for "
            "large-scale image recognition. ICLR.",
            (
                RemoteFile(
                    "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
                    "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
                    "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
                    "md5:6d6bbae143d832006294945121d1f1fc",
                    KERAS_PINNED,
                    "59 MB",
                ),
            ),
        ),
        Dataset(
            "oxford_pets",
            "Oxford-IIIT Pet images and trimaps",
            "9",
            "CC BY-SA 4.0",
            "Parkhi, O. M. et al. (2012). Cats and dogs. CVPR.",
            tuple(
                RemoteFile(
                    name,
                    "https://www.robots.ox.ac.uk/~vgg/data/pets/data/" + name,
                    "sha256:" + sha256,
                    TFDS.format("datasets/oxford_iiit_pet/checksums.tsv"),
                    size,
                    length,
                    # TFDS now downloads the same bytes from this host, where the old URL leads.
                    hosts=("thor.robots.ox.ac.uk",),
                )
                for name, sha256, size, length in [
                    ("images.tar.gz", "67195c5e1c01f1ab5f9b6a5d22b8c27a580d896ece458917e61d459337fa318d", "792 MB",
                     791918971),
                    ("annotations.tar.gz", "52425fb6de5c424942b7626b428656fcbd798db970a937df61750c0f1d358e91",
                     "19 MB", 19173078),
                ]
            ),
            notes="An already extracted copy in `COURSE_DATA_DIR/oxford_pets/` (`images/*.jpg`, "
            "`annotations/trimaps/*.png`, the tarballs' layout) is used instead of the tarballs.",
        ),
        Dataset(
            "jena_climate",
            "Jena climate 2009-2016: 14 weather features every 10 minutes",
            "10-11",
            "Max Planck Institute for Biogeochemistry; free for research and teaching",
            "Max Planck Institute for Biogeochemistry, Jena weather station records "
            "(as prepared by F. Chollet for Deep Learning with Python).",
            (
                RemoteFile(
                    "jena_climate_2009_2016.csv.zip",
                    "https://s3.amazonaws.com/keras-datasets/jena_climate_2009_2016.csv.zip",
                    None,
                    UNKNOWN,
                    "13 MB",
                ),
            ),
        ),
        Dataset(
            "time_machine",
            "H. G. Wells, The Time Machine (plain text, as served by d2l.ai)",
            "10-11",
            "Public domain (Project Gutenberg text)",
            "Wells, H. G. (1895). The Time Machine. Via Zhang, A. et al., Dive into Deep Learning.",
            (
                RemoteFile(
                    "timemachine.txt",
                    "http://d2l-data.s3-accelerate.amazonaws.com/timemachine.txt",
                    "sha1:090b5e7e70c295757f55df93cb0a180b9691891a",
                    "d2l.ai's DATA_HUB (publisher's SHA-1)",
                    "178 KB",
                    178979,
                ),
            ),
        ),
        Dataset(
            "imdb_raw",
            "Large Movie Review Dataset, raw text (extra project: sentiment from raw IMDB text)",
            "extra",
            "Research use (Stanford AI Lab)",
            "Maas, A. et al. (2011). Learning Word Vectors for Sentiment Analysis. ACL.",
            (
                RemoteFile(
                    "aclImdb_v1.tar.gz",
                    "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz",
                    "sha256:c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe",
                    TFDS.format("url_checksums/imdb_reviews.txt"),
                    "80 MB",
                    84125825,
                ),
            ),
        ),
        Dataset(
            "glove",
            "GloVe 6B word vectors (extra project: transformer with frozen embeddings)",
            "extra",
            "Public Domain Dedication and License (ODC PDDL)",
            "Pennington, J., Socher, R. and Manning, C. (2014). GloVe. EMNLP.",
            (
                RemoteFile(
                    "glove.6B.zip",
                    "https://nlp.stanford.edu/data/glove.6B.zip",
                    None,
                    UNKNOWN,
                    "822 MB",
                    # Stanford serves its NLP downloads from this host now.
                    hosts=("downloads.cs.stanford.edu",),
                ),
            ),
            notes="No published checksum for this zip was found (Stanford publishes none; a search of public "
            "code found none either): the first download is pinned. The notebook streams the one member it needs (`glove.6B.100d.txt`) from the zip, "
            "never extracting its 2 GB.",
        ),
        Dataset(
            "ag_news",
            "AG News: news titles and descriptions in four topics (extra project: transformer)",
            "extra",
            "Research and non-commercial use (A. Gulli's AG corpus; Zhang et al.'s selection)",
            "Zhang, X., Zhao, J. and LeCun, Y. (2015). Character-level convolutional networks for text "
            "classification. NeurIPS.",
            tuple(
                RemoteFile(
                    name,
                    "https://raw.githubusercontent.com/mhjabreel/CharCnn_Keras/master/data/ag_news_csv/" + name,
                    "md5:" + md5,
                    "torchtext's AG_NEWS loader (publisher's files, MD5 in torchtext/datasets/ag_news.py)",
                    size,
                )
                for name, md5, size in [
                    ("train.csv", "b1a00f826fdfbd249f79597b59e1dc12", "30 MB"),
                    ("test.csv", "d52ea96a97a2d943681189a97654912d", "1.9 MB"),
                ]
            ),
            notes="120,000 training and 7,600 test rows, balanced over World, Sports, Business and Sci/Tech; "
            "no header, columns class index (1-4), title, description.",
        ),
        Dataset(
            "nyc_taxi",
            "Numenta Anomaly Benchmark: NYC taxi passengers, 30-minute counts (extra project)",
            "extra",
            "AGPL-3.0 (Numenta NAB repository)",
            "Ahmad, S. et al. (2017). Unsupervised real-time anomaly detection for streaming data. "
            "Neurocomputing 262.",
            (
                RemoteFile(
                    "nyc_taxi.csv",
                    "https://raw.githubusercontent.com/numenta/NAB/master/data/realKnownCause/nyc_taxi.csv",
                    "sha256:d8fa6f7f0734bf5c8be12c52a94e20a82664c397d9dec4449156bd453d32856d",
                    MIRROR.format("the publisher's repository numenta/NAB at ea702d7"),
                    "0.3 MB",
                    265771,
                ),
            ),
        ),
        Dataset(
            "cifar10",
            "CIFAR-10, python version (extra project)",
            "extra",
            "Free for research (A. Krizhevsky)",
            "Krizhevsky, A. (2009). Learning multiple layers of features from tiny images.",
            (
                RemoteFile(
                    "cifar-10-python.tar.gz",
                    "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
                    "sha256:6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
                    KERAS_PINNED,
                    "163 MB",
                ),
            ),
        ),
        Dataset(
            "imagenet_applications",
            "ImageNet weights without the classifier: EfficientNetB0, MobileNetV3Large, ResNet50 (keras.applications)",
            "extra",
            "Apache 2.0 (Keras applications); ImageNet-trained weights for research use",
            "Tan, M. and Le, Q. (2019). EfficientNet. ICML. Howard, A. et al. (2019). Searching for MobileNetV3. ICCV. "
            "He, K. et al. (2016). Deep residual learning for image recognition. CVPR.",
            (
                RemoteFile(
                    "efficientnetb0_notop.h5",
                    "https://storage.googleapis.com/keras-applications/efficientnetb0_notop.h5",
                    "md5:50bc09e76180e00e4465e1a485ddc09d",
                    KERAS_PINNED,
                    "16 MB",
                ),
                RemoteFile(
                    "weights_mobilenet_v3_large_224_1.0_float_no_top_v2.h5",
                    "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v3/"
                    "weights_mobilenet_v3_large_224_1.0_float_no_top_v2.h5",
                    "md5:07fb09a5933dd0c8eaafa16978110389",
                    KERAS_PINNED,
                    "12 MB",
                ),
                RemoteFile(
                    "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5",
                    "https://storage.googleapis.com/tensorflow/keras-applications/resnet/"
                    "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5",
                    "md5:4d473c1dd8becc155b73f8504c6f6626",
                    KERAS_PINNED,
                    "94 MB",
                ),
            ),
            notes="The checksums are the `file_hash` values in Keras 3.15.1's keras/src/applications/"
            "(efficientnet.py, mobilenet_v3.py, resnet.py).",
        ),
        Dataset(
            "food101",
            "Food-101: 101 dishes, 1,000 photos each (extra project: transfer learning)",
            "extra",
            "Research use (images from foodspotting.com, see the archive's license_agreement.txt)",
            "Bossard, L., Guillaumin, M. and Van Gool, L. (2014). Food-101: mining discriminative components "
            "with random forests. ECCV.",
            (
                RemoteFile(
                    "food-101.tar.gz",
                    "https://data.vision.ee.ethz.ch/cvl/food-101.tar.gz",
                    "sha256:d97d15e438b7f4498f96086a4f7e2fa42a32f2712e87d3295441b2b6314053a4",
                    TFDS.format("url_checksums/food101.txt"),
                    "5.0 GB",
                    4996278331,
                ),
            ),
            notes="TFDS records the file at its http:// address; the same file is served over https.",
        ),
        Dataset(
            "names",
            "Surnames from 18 languages (PyTorch tutorial data; extra project)",
            "extra",
            "BSD-3-Clause (PyTorch tutorials)",
            "Robertson, S. NLP from scratch: classifying names with a character-level RNN. PyTorch tutorials.",
            (RemoteFile("data.zip", "https://download.pytorch.org/tutorial/data.zip", None, UNKNOWN, "2.8 MB"),),
        ),
        Dataset(
            "air_quality",
            "UCI Air Quality: hourly sensor readings of an Italian city (extra project)",
            "extra",
            "CC BY 4.0",
            "Vito, S. (2008). Air Quality [Dataset]. UCI Machine Learning Repository. "
            "https://doi.org/10.24432/C59K5F",
            (
                RemoteFile(
                    "AirQualityUCI.zip",
                    "https://archive.ics.uci.edu/ml/machine-learning-databases/00360/AirQualityUCI.zip",
                    "sha256:d4a64013fb385288a8a48d9d193ca7079b2e1bbddf6f8d458feb8c08ab2b8a2a",
                    MIRROR.format("its xlsx member byte-identical to two independent copies"),
                    "1.5 MB",
                    1543989,
                ),
            ),
        ),
        Dataset(
            "imagenette",
            "Imagenette, 160 px: ten easy ImageNet classes (fast.ai); three used (extra project)",
            "extra",
            "Apache-2.0 (fast.ai imagenette repository); the images are ImageNet's, for non-commercial research",
            "Howard, J. (2019). Imagenette. https://github.com/fastai/imagenette",
            (
                RemoteFile(
                    "imagenette2-160.tgz",
                    "https://s3.amazonaws.com/fast-ai-imageclas/imagenette2-160.tgz",
                    "md5:e793b78cc4c9e9a4ccc0c1155377a412",
                    "pinned by torchvision (torchvision.datasets.Imagenette, size '160px')",
                    "94 MB",
                ),
            ),
            notes="The VGG-vs-ResNet-vs-ResNeXt project reads three classes: English springer (n02102040), "
            "church (n03028079) and garbage truck (n03417042).",
        ),
    ]
}

FILES: dict[str, RemoteFile] = {f.filename: f for d in DATASETS.values() for f in d.files}

GENERATED = {
    "Playground toy sets (circle, XOR, Gaussians, spiral)": (
        "1",
        "generated by helpers.toydata, following the TensorFlow Playground's dataset.ts (Apache 2.0)",
    ),
    "AND, XOR and binary-to-decimal truth tables": ("2-5", "written out in the notebooks"),
    "make_regression (200 points, one feature)": ("3", "generated by scikit-learn"),
    "28 × 28 images of four shapes": ("extra", "generated by helpers.shapes (vanishing-gradients project)"),
}


def find(filename: str) -> RemoteFile:
    """The registry entry of a file, by its name on disk.

    Example::

        >>> find("mnist.npz").url
        'https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz'
    """
    try:
        return FILES[filename]
    except KeyError:
        known = ", ".join(sorted(FILES))
        raise KeyError(f"{filename!r} is not in the dataset registry. Known files: {known}") from None


def datacard() -> str:
    """``data/README.md``, generated from this registry (``make readme``).

    Example::

        >>> datacard().startswith("# Datasets")
        True
    """
    lines = [
        "# Datasets",
        "",
        "This folder is the default data cache (`COURSE_DATA_DIR`). Its contents are never committed.",
        "Put a file here under its original name and the notebooks use it with no network, once its",
        "checksum matches; `make data` downloads them all ahead of time. This page is generated from",
        "`helpers/registry.py` by `make readme`, and a test checks that they agree.",
        "",
        "Checksums come from Keras (the hashes it pins for its own datasets), from the publisher, from",
        "TensorFlow Datasets (the size and SHA-256 its builders record in `checksums.tsv`), or from the",
        "course's offline mirror (`shared/datasets/MANIFEST.md`: files checked against independent copies).",
        "The *checksum source* column names it for every file; *bytes* is the exact size where published,",
        "checked before the checksum. Where no checksum is published the entry says *unknown*: the first",
        "complete download is checked (not empty, not an HTML page, the whole archive readable) and its",
        "SHA-256 pinned in `.pinned-sha256.json` here (trust on first use), then checked on every later use.",
        "",
        "| dataset | weeks | file | size | bytes | checksum | checksum source | licence | URL |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for d in DATASETS.values():
        for f in d.files:
            checksum = f"`{f.checksum}`" if f.checksum else "unknown"
            source = "Keras" if f.checksum_source == KERAS_PINNED else f.checksum_source
            length = f"{f.length:,}" if f.length else "—"
            lines.append(
                f"| {d.title} | {d.weeks} | `{f.filename}` | {f.size} | {length} | {checksum} | {source} "
                f"| {d.licence} | <{f.url}> |"
            )
    lines += ["", "## Citations", ""]
    lines += [f"- **{d.name}**: {d.citation}" + (f" {d.notes}" if d.notes else "") for d in DATASETS.values()]
    lines += ["", "## Generated in code (nothing to download)", "", "| data | weeks | how |", "|---|---|---|"]
    lines += [f"| {name} | {weeks} | {how} |" for name, (weeks, how) in GENERATED.items()]
    lines += [""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(datacard(), end="")
