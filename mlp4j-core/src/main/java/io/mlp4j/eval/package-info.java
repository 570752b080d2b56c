/**
 * {@link io.mlp4j.eval.Evaluation}: how well a network does on a data set. The mean cost; for classification the
 * accuracy, the confusion matrix and per-class and macro precision, recall and F1; for regression MSE, MAE and R².
 */
package io.mlp4j.eval;
