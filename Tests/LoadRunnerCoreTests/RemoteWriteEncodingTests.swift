import LoadRunnerReports
import Testing

/// `--out-prometheus`'s wire format: the hand-written protobuf `WriteRequest` and the literal-only snappy block,
/// against bytes worked out by hand from the two specifications.
@Suite struct RemoteWriteEncodingTests {
    @Test func snappyOfAShortInputIsOneLiteral() {
        // Length 5 as a varint, then a literal tag (5 - 1) << 2 = 0x10, then the bytes.
        #expect(SnappyBlock.compress(Array("hello".utf8)) == [0x05, 0x10] + Array("hello".utf8))
        #expect(SnappyBlock.compress([]) == [0x00])
    }

    @Test func snappyLengthsPastSixtyTakeExtraBytes() {
        let hundred = [UInt8](repeating: 7, count: 100)
        // 100 = 0x64; tag 60 << 2 = 0xF0 with 100 - 1 in one byte.
        #expect(SnappyBlock.compress(hundred) == [0x64, 0xF0, 0x63] + hundred)
        let big = [UInt8](repeating: 1, count: 70_000)
        let block = SnappyBlock.compress(big)
        // 70,000 as a varint is F0 A2 04; then 65,536 bytes (tag 61 << 2 = 0xF4, 65,535 = FF FF) and 4,464 more
        // (tag 0xF4, 4,463 = 0x116F little-endian 6F 11).
        #expect(Array(block[0..<6]) == [0xF0, 0xA2, 0x04, 0xF4, 0xFF, 0xFF])
        #expect(Array(block[(6 + 65_536)..<(6 + 65_536 + 3)]) == [0xF4, 0x6F, 0x11])
        #expect(block.count == 3 + 3 + 65_536 + 3 + 4_464)
    }

    @Test func writeRequestOfOneSample() {
        let sample = PrometheusExposition.Sample(name: "up", labels: [("a", "b")], value: 1)
        let bytes = RemoteWriteRequest.encode([sample], timestampMillis: 1000)
        let label1: [UInt8] = [0x0A, 0x06, 0x0A, 0x01] + Array("a".utf8) + [0x12, 0x01] + Array("b".utf8)
        let label2: [UInt8] = [0x0A, 0x0E, 0x0A, 0x08] + Array("__name__".utf8) + [0x12, 0x02] + Array("up".utf8)
        // Sample { value = 1.0 (fixed64 3FF0000000000000, little-endian), timestamp = 1000 (varint E8 07) }.
        let point: [UInt8] = [0x12, 0x0C, 0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x10, 0xE8, 0x07]
        // Labels sorted by name: "__name__" < "a".
        let series = label2 + label1 + point
        #expect(bytes == [0x0A, UInt8(series.count)] + series)

        // A shard's label goes in its place by name: "__name__" < "a" < "shard".
        let sharded = RemoteWriteRequest.encode([sample], timestampMillis: 1000, extraLabels: [("shard", "2")])
        let label3: [UInt8] = [0x0A, 0x0A, 0x0A, 0x05] + Array("shard".utf8) + [0x12, 0x01] + Array("2".utf8)
        let shardedSeries = label2 + label1 + label3 + point
        #expect(sharded == [0x0A, UInt8(shardedSeries.count)] + shardedSeries)
    }
}
