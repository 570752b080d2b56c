package io.mlp4j.spark;

import org.apache.spark.ml.util.Identifiable$;

/**
 * Hands a uid to a Spark ML stage written in Java. Spark's Scala superclasses build their params (featuresCol, …)
 * in their constructors, and a param takes its owner's {@code uid()}; that runs before the Java subclass's constructor
 * body can assign a field. So a constructor passes the uid here ({@link #hold}, in its {@code this(…)} call) and the
 * stage's {@code uid()} takes it on its first call.
 */
final class Uids {
    private static final ThreadLocal<String> HELD = new ThreadLocal<>();

    /** What a constructor passes to its private twin so the uid is held while the superclass constructor runs. */
    static final class Held {
        private Held() {
        }
    }

    private Uids() {
    }

    static Held hold(String uid) {
        HELD.set(uid);
        return new Held();
    }

    /** The held uid, or a new random one with {@code prefix}. */
    static String take(String prefix) {
        String uid = HELD.get();
        HELD.remove();
        return uid != null ? uid : Identifiable$.MODULE$.randomUID(prefix);
    }
}
