"""Rules of allocation policy: the expression language councils use to state conditions."""
