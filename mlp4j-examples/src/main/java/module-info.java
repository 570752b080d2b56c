/** The README's examples: a consumer of the module io.mlp4j that sees its exported packages only. */
module io.mlp4j.examples {
    requires io.mlp4j;
}
