/**
 * {@link io.mlp4j.model.Model}: what prediction needs and a model file holds, the network with the normalization
 * fitted on its training data and the class names of a classifier. {@link io.mlp4j.model.Model#classify} normalizes a
 * raw feature row as training did, then runs the network. {@code io.mlp4j.io.ModelFile} saves and loads it.
 */
package io.mlp4j.model;
