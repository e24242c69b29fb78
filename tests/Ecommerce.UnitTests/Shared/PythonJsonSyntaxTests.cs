using System.Text;
using Ecommerce.Shared.Validation;

namespace Ecommerce.UnitTests.Shared;

/// <summary>CPython json.loads positions (in code points) and messages, as FastAPI puts them in its json_invalid 422.</summary>
public sealed class PythonJsonSyntaxTests
{
    [TestCase("""{"a":""", 5, "Expecting value")]
    [TestCase("{some broken json}", 1, "Expecting property name enclosed in double quotes")]
    [TestCase("[1,2", 4, "Expecting ',' delimiter")]
    [TestCase("""{"a":1} x""", 8, "Extra data")]
    [TestCase("""{"a":1,}""", 7, "Expecting property name enclosed in double quotes")]
    [TestCase("  ", 2, "Expecting value")]
    [TestCase("""{"a" 1}""", 5, "Expecting ':' delimiter")]
    [TestCase("""{"a": "abc""", 6, "Unterminated string starting at")]
    [TestCase("""{"名前": x}""", 7, "Expecting value")]
    [TestCase("01", 1, "Extra data")]
    public void Given_broken_json_Then_cpythons_position_and_message(string text, int position, string message) =>
        Assert.That(PythonJsonSyntax.FindError(Encoding.UTF8.GetBytes(text)), Is.EqualTo((position, message)));

    [TestCase("""{"a": [1, 2.5, -3e2, true, false, null, "x\n\u00e9"], "b": {}}""")]
    [TestCase("[]")]
    [TestCase(" 5 ")]
    [TestCase("NaN")]
    public void Given_valid_json_Then_no_error(string text) => Assert.That(PythonJsonSyntax.FindError(Encoding.UTF8.GetBytes(text)), Is.Null);

    [TestCase("[", "]")]
    [TestCase("{\"a\":", "}")]
    [TestCase("{\"a\": [", "]}")]
    public void Given_nesting_deeper_than_the_limit_Then_the_bracket_that_crosses_it_is_reported(string open, string close)
    {
        var tooDeep = string.Concat(Enumerable.Repeat(open, PythonJsonSyntax.MaxDepth + 1)) + "1" + string.Concat(Enumerable.Repeat(close, PythonJsonSyntax.MaxDepth + 1));
        // The bracket that opens container number MaxDepth + 1 (every character here is ASCII: index = code point).
        var crossing = tooDeep.Select((c, i) => (c, i)).Where(x => x.c is '[' or '{').Skip(PythonJsonSyntax.MaxDepth).First().i;
        var error = PythonJsonSyntax.FindError(Encoding.UTF8.GetBytes(tooDeep));
        Assert.That(error?.Message, Is.EqualTo(PythonJsonSyntax.TooDeep));
        Assert.That(error?.Position, Is.EqualTo(crossing));
    }

    [Test]
    public void Given_nesting_at_the_limit_Then_no_error() =>
        Assert.That(PythonJsonSyntax.FindError(Encoding.UTF8.GetBytes(new string('[', PythonJsonSyntax.MaxDepth) + new string(']', PythonJsonSyntax.MaxDepth))), Is.Null);

    [Test]
    public void Given_a_body_nested_100000_deep_Then_it_is_reported_without_recursion()
    {
        // Once a stack overflow that killed the whole process (every module with it).
        var text = new string('[', 100_000) + new string(']', 100_000);
        Assert.That(PythonJsonSyntax.FindError(Encoding.UTF8.GetBytes(text)), Is.EqualTo((PythonJsonSyntax.MaxDepth, PythonJsonSyntax.TooDeep)));
    }

    [TestCase("[\"\\ud800\"]", 2)]
    [TestCase("[\"ab\\udc00\"]", 4)]
    [TestCase("{\"名\\ud83dx\": 1}", 3)]
    [TestCase("[\"\\ud83d\\ud83d\\ude00\"]", 2)]
    public void Given_an_unpaired_surrogate_escape_Then_its_position(string text, int position) =>
        Assert.That(JsonEscapes.FindLoneSurrogate(Encoding.UTF8.GetBytes(text)), Is.EqualTo(position));

    [TestCase("[\"\\ud83d\\ude00 \\u00e9 \\\\ud800\"]")]
    [TestCase("[\"plain\"]")]
    public void Given_paired_or_escaped_backslash_Then_no_lone_surrogate(string text) =>
        Assert.That(JsonEscapes.FindLoneSurrogate(Encoding.UTF8.GetBytes(text)), Is.Null);
}
