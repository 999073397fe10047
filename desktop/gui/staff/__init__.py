"""Staff mode: ward staff sign in to the same desktop app and review, correct and reconcile the
records the laptops synced, online against the ward server's staff API.

Every request goes through :class:`desktop.gui.tasks.TaskRunner.run_net` to the Qt-free
client :mod:`sync.client.staff`; these widgets never speak HTTP themselves.
"""
