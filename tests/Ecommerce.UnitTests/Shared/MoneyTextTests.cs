using System.Globalization;
using Ecommerce.Shared.Text;

namespace Ecommerce.UnitTests.Shared;

public sealed class MoneyTextTests
{
    [TestCase("183100", "JPY", "¥183,100")]
    [TestCase("100.5", "JPY", "¥101")]
    [TestCase("99.4", "JPY", "¥99")]
    [TestCase("0", "JPY", "¥0")]
    [TestCase("1999.99", "USD", "1,999.99 USD")]
    [TestCase("0.125", "EUR", "0.13 EUR")]
    [TestCase("1234567.5", "USD", "1,234,567.50 USD")]
    public void Given_an_amount_Then_people_read_it_in_its_currency(string amount, string currency, string expected) =>
        Assert.That(MoneyText.Format(decimal.Parse(amount, CultureInfo.InvariantCulture), currency), Is.EqualTo(expected));
}
