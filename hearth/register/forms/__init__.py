"""Forms of the register, one module per part (see the parts table in `hearth.register`)."""
