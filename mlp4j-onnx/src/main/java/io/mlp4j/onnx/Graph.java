package io.mlp4j.onnx;

import com.google.protobuf.ByteString;
import io.mlp4j.onnx.proto.Onnx.AttributeProto;
import io.mlp4j.onnx.proto.Onnx.GraphProto;
import io.mlp4j.onnx.proto.Onnx.NodeProto;
import io.mlp4j.onnx.proto.Onnx.TensorProto;
import io.mlp4j.onnx.proto.Onnx.TensorShapeProto;
import io.mlp4j.onnx.proto.Onnx.TypeProto;
import io.mlp4j.onnx.proto.Onnx.ValueInfoProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds one ONNX graph a node at a time: every value is named by the method that produces it, so the exporter reads
 * as the forward pass it writes down. Only float32 values, and 2-D tensors of N rows between nodes.
 */
final class Graph {
    private final GraphProto.Builder graph;

    Graph(String name) {
        graph = GraphProto.newBuilder().setName(name);
    }

    /** Declares a graph input of N × {@code width} floats (N symbolic). */
    void input(String name, int width, String doc) {
        graph.addInput(rows(name, width, doc));
    }

    /**
     * Makes {@code value}, the last node's output, the graph output {@code name} (the node keeps its own name, which
     * says what it computes).
     */
    void output(String value, String name, int width, String doc) {
        int last = graph.getNodeCount() - 1;
        if (last < 0 || !graph.getNode(last).getOutput(0).equals(value)) {
            throw new IllegalStateException("the graph's output " + value + " is not its last node's");
        }
        graph.getNodeBuilder(last).setOutput(0, name);
        graph.addOutput(rows(name, width, doc));
    }

    /** A constant float32 tensor stored in the file (raw little-endian bytes); returns its name. */
    String initializer(String name, float[] values, int... dims) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN); // ONNX's raw_data order
        for (float v : values) raw.putFloat(v);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(raw.array()));
        for (int d : dims) t.addDims(d);
        graph.addInitializer(t);
        return name;
    }

    /** A node of operator {@code op} without attributes; returns the name of its one output, {@code output}. */
    String node(String op, String output, String... inputs) {
        return node(op, output, Map.of(), inputs);
    }

    /** A node with attributes (Long → INT, Float → FLOAT); returns the name of its one output. */
    String node(String op, String output, Map<String, Object> attributes, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output).addOutput(output);
        for (String in : inputs) n.addInput(in);
        for (Map.Entry<String, Object> a : new TreeMap<>(attributes).entrySet()) n.addAttribute(attribute(a.getKey(), a.getValue()));
        graph.addNode(n);
        return output;
    }

    GraphProto build() {
        return graph.build();
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (value instanceof Long l) return a.setType(AttributeProto.AttributeType.INT).setI(l).build();
        if (value instanceof Float f) return a.setType(AttributeProto.AttributeType.FLOAT).setF(f).build();
        throw new IllegalArgumentException("attribute " + name + ": " + value.getClass().getSimpleName() + " is not an ONNX attribute type here");
    }

    /** A value of N × width floats. */
    private static ValueInfoProto rows(String name, int width, String doc) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(OnnxExport.BATCH))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                .build();
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).setDocString(doc).build();
    }
}
