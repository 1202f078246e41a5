"""`swebench-mm collect`: new multimodal task instances from a repository's merged pull requests.

github.py talks to the REST API (pages, rate limits, errors), links.py finds the issues a pull request
closes, images.py finds and checks an issue's images, patches.py turns the fix's commits into `patch` /
`test_patch`, candidates.py puts one candidate together and keeps the resumable state, fake_github.py
serves GitHub's JSON shapes on 127.0.0.1 for tests and demos.
"""
