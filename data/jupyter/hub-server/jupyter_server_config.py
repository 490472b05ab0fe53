# Every account's Jupyter server on the hub reads this file (JUPYTER_CONFIG_PATH, set by the
# generated jupyterhub_config.py): the kit's pages behind jupyter-server-proxy, and kernels only
# where the account may run them. What it sets and why: src/workshop_kit/hub_server.py.
from workshop_kit.hub_server import configure

configure(c)  # noqa: F821 (c is the config object Jupyter hands this file)
