using Ecommerce.Dashboard.Api;

namespace Ecommerce.UnitTests.Dashboard;

public sealed class CsvTests
{
    [Test]
    public void Given_quoted_fields_Then_commas_quotes_and_line_breaks_survive()
    {
        var rows = Csv.Parse("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\n");
        Assert.That(rows, Has.Count.EqualTo(3));
        Assert.That(rows[1], Is.EqualTo(new[] { "x, y", "say \"hi\"", "two\nlines" }));
        Assert.That(rows[2], Is.EqualTo(new[] { "last", "", "" }));
    }

    [Test]
    public void Given_fields_Then_a_line_quotes_only_what_needs_it() =>
        Assert.That(Csv.Line(["A-1", "ケーブル, 2m", "say \"hi\"", null, 3]), Is.EqualTo("A-1,\"ケーブル, 2m\",\"say \"\"hi\"\"\",,3"));
}
