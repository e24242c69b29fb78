using Ecommerce.Shared.Json;

namespace Ecommerce.UnitTests.Shared;

public sealed class PythonFloatTests
{
    [TestCase("183100", "183100.0")]
    [TestCase("3500", "3500.0")]
    [TestCase("0.5", "0.5")]
    [TestCase("1999.99", "1999.99")]
    [TestCase("100", "100.0")]
    [TestCase("1000000.01", "1000000.01")]
    [TestCase("0.0001", "0.0001")]
    [TestCase("0.00001", "1e-05")]
    [TestCase("1000000000000000", "1000000000000000.0")]
    [TestCase("10000000000000000", "1e+16")]
    [TestCase("12345678901234567890", "1.2345678901234567e+19")]
    [TestCase("-2.5", "-2.5")]
    [TestCase("0", "0.0")]
    public void Given_a_decimal_Then_it_is_written_as_pythons_repr_of_the_float(string value, string expected) =>
        Assert.That(PythonFloat.Format(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(expected));

    [Test]
    public void Given_any_amount_Then_the_json_text_written_directly_equals_pythons_repr()
    {
        var random = new Random(20261207);
        var amounts = new List<decimal> { 0m, 1m, -1m, 0.0001m, 0.00009m, 99999999999999.9m, 999999999999999m, 1000000000000000m, 1e16m, 1e20m, -0.5m };
        for (var i = 0; i < 20_000; i++)
        {
            var scale = (byte)random.Next(0, 8);
            var digits = (long)(random.NextDouble() * Math.Pow(10, random.Next(1, 19)));
            amounts.Add(new decimal(digits) / (decimal)Math.Pow(10, scale) * (random.Next(2) == 0 ? 1 : -1));
        }
        foreach (var amount in amounts)
            Assert.That(System.Text.Json.JsonSerializer.Serialize(amount, WireJson.Options), Is.EqualTo(PythonFloat.Format(amount)), amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public void Given_a_binary_float_sum_Then_the_shortest_round_trip_digits_are_kept() =>
        Assert.That(PythonFloat.Format(0.1 + 0.2), Is.EqualTo("0.30000000000000004"));

    [Test]
    public void Given_a_response_Then_money_and_times_use_the_wire_format()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(
            new { TotalAmount = 183100m, CustomerName = "田中太郎", CreatedAt = new DateTime(2025, 12, 1, 10, 0, 0, DateTimeKind.Utc) },
            WireJson.Options);
        Assert.That(json, Is.EqualTo("""{"total_amount":183100.0,"customer_name":"田中太郎","created_at":"2025-12-01T10:00:00Z"}"""));
    }
}
