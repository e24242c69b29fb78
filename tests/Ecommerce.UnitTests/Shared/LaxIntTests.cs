using System.Text;
using Ecommerce.Shared.Validation;

namespace Ecommerce.UnitTests.Shared;

public sealed class LaxIntTests
{
    [TestCase(" 5 ", 5)]
    [TestCase("+5", 5)]
    [TestCase("1_0", 10)]
    [TestCase("1.0", 1)]
    [TestCase("-3", -3)]
    public void Given_text_python_accepts_Then_it_parses(string text, long expected)
    {
        Assert.That(LaxInt.TryParse(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("1.5")]
    [TestCase("0x10")]
    [TestCase("")]
    [TestCase("abc")]
    [TestCase("1__0")]
    public void Given_text_python_refuses_Then_it_does_not_parse(string text) => Assert.That(LaxInt.TryParse(text, out _), Is.False);
}
