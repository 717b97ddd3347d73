"""Settings for every pytest run here: parallel workers share the cores instead of fighting over
them, and JAX compiles faster.

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

# JAX compiles every function it runs with XLA, once per shape: each weight initialiser, each
# training and prediction step, and in eager code each operation. Test mode runs each of them a few
# times on small data, so compiling is much of a notebook's time on JAX. Tests compile with LLVM's
# optimisation level 2 instead of XLA's default 3. Measured on this 2-core CPU (2026-12-03, one
# notebook at a time, seconds in its cells, levels 1 / 2 / 3): week 9's classic CNNs, where
# compiling dominates, 45.0 / 41.2 / 60.7; week 8's VGG16, where running dominates, 73.4 / 46.2 /
# 49.0 (level 1 cuts compiling further but slows the compiled code). TensorFlow is unaffected: Keras
# does not use XLA on a CPU-only TensorFlow. Your own XLA_FLAGS are kept.
os.environ.setdefault("XLA_FLAGS", "--xla_backend_optimization_level=2")
