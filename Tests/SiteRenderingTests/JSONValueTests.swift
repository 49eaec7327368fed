import SiteRendering
import Testing

@Suite struct JSONValueTests {
    @Test func objectsKeepTheirKeyOrderAndAreIndentedByTwoSpaces() {
        let value = JSONValue.object([
            ("z", .number(1)), ("a", .array([.null, .bool(true)])), ("empty", .array([])), ("none", .object([])),
        ])
        #expect(
            value.serialized() == """
                {
                  "z": 1,
                  "a": [
                    null,
                    true
                  ],
                  "empty": [],
                  "none": {}
                }
                """)
    }

    @Test func numbersAreWholeWhenTheyCanBeAndShortestOtherwise() {
        #expect(JSONValue.format(850) == "850")
        #expect(JSONValue.format(-3) == "-3")
        #expect(JSONValue.format(0.85) == "0.85")
        #expect(JSONValue.format(1945.6) == "1945.6")
        #expect(JSONValue.format(.nan) == "null")
    }

    @Test func stringsAreEscaped() {
        #expect(
            JSONValue.string("a\"b\\c\nd\te\u{1}f\u{2028}</script>").serialized()
                == #""a\"b\\c\nd\te\u0001f\u2028\u003c/script\u003e""#)
    }
}
