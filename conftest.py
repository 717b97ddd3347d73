"""Settings for every pytest run here: parallel workers share the cores instead of fighting over them.

``make test`` runs pytest with ``-n auto`` (pytest-xdist): one worker per core, each running whole
test files and notebooks (``--dist loadfile`` in pyproject.toml keeps a notebook's cells together,
in order, in one kernel). TensorFlow and the BLAS libraries start as many threads as there are cores
in every process, so two workers on two cores would each run two compute threads, and
TensorFlow's threads spin while they wait for work. Each worker (and the notebook kernels it
starts, which inherit its environment) gets its share of the cores instead. A value you set
yourself is kept.
"""

import os

_workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
if _workers > 1:
    _share = str(max(1, (os.cpu_count() or 1) // _workers))
    for _variable in ("TF_NUM_INTRAOP_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_variable, _share)
