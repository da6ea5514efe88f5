"""The Streamlit shell: translations, shared app wiring and the pages.

Pages only collect inputs, call one function of :mod:`graph` or
:mod:`loaders` and render the result. Library code never imports this package.
"""
