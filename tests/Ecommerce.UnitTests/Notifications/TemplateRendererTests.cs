using System.Text.Json;
using Ecommerce.Notifications.Templates;

namespace Ecommerce.UnitTests.Notifications;

public sealed class TemplateRendererTests
{
    private static IReadOnlyDictionary<string, JsonElement> Data(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private const string Full = """{"order_id":1,"customer_name":"田中太郎","total_amount":183100,"currency":"JPY","item_count":2}""";

    [Test]
    public void Given_full_data_Then_the_order_confirmation_reads_exactly_so()
    {
        var message = TemplateRenderer.Email(TemplateCatalog.All["ORDER_CONFIRMATION"], 1, Data(Full));
        Assert.That(message.Subject, Is.EqualTo("ご注文確認 — 注文番号 #1"));
        Assert.That(message.Body, Is.EqualTo(
            "田中太郎 様\n\nご注文ありがとうございます。以下の内容でご注文を承りました。\n\n注文番号: #1\n商品点数: 2点\nご請求金額: ¥183,100\n\n" +
            "商品の発送準備が整い次第、改めてご連絡いたします。\n今後ともよろしくお願いいたします。"));
    }

    [TestCaseSource(nameof(Templates))]
    public void Given_any_data_Then_no_placeholder_is_left_and_the_body_greets_by_name(string name)
    {
        foreach (var json in new[] { Full, """{"customer_name":"佐藤"}""", "{}", """{"total_amount":"abc","extra":[1,2]}""" })
        {
            var message = TemplateRenderer.Email(TemplateCatalog.All[name], 7, Data(json));
            var sms = TemplateRenderer.Sms(TemplateCatalog.All[name], 7, Data(json));
            Assert.That(message.Subject + message.Body + sms, Does.Not.Contain("{").And.Not.Contain("}"), json);
            Assert.That(message.Subject, Does.Contain("注文番号 #7"));
            Assert.That(message.Body, Does.Match("^.+ 様\n"));
            Assert.That(sms.Length, Is.LessThanOrEqualTo(TemplateRenderer.SmsMaxLength));
        }
    }

    [Test]
    public void Given_no_data_Then_the_customer_is_addressed_politely_and_the_amount_line_is_left_out()
    {
        var message = TemplateRenderer.Email(TemplateCatalog.All["ORDER_CONFIRMATION"], 3, Data("{}"));
        Assert.That(message.Body, Does.StartWith("お客様 様\n"));
        Assert.That(message.Body, Does.Not.Contain("ご請求金額"));
    }

    [Test]
    public void Given_a_very_long_name_Then_the_sms_is_cut_to_140_characters()
    {
        var sms = TemplateRenderer.Sms(TemplateCatalog.All["ORDER_CONFIRMATION"], 1, Data($$"""{"customer_name":"{{new string('長', 300)}}"}"""));
        Assert.That(sms.Length, Is.EqualTo(TemplateRenderer.SmsMaxLength));
    }

    [Test]
    public void Given_an_amount_in_the_data_Then_the_email_shows_it_as_money_text()
    {
        var email = TemplateRenderer.Email(TemplateCatalog.All["ORDER_CONFIRMATION"], 1, Data("""{"total_amount":183100.5,"currency":"JPY"}"""));
        Assert.That(email.Body, Does.Contain("¥183,101"));
    }

    [TestCase("{order_id}", "5")]
    [TestCase("#{order_id}!", "#5!")]
    [TestCase("{{order_id}}", "{5}")]
    [TestCase("{a{order_id}", "{a5")]
    [TestCase("{Order_id} {order_id}", "{Order_id} 5")]
    [TestCase("{} { order_id} {order_id", "{} { order_id} {order_id")]
    [TestCase("{order_id}{customer_name}", "5お客様")]
    [TestCase("}{order_id}{", "}5{")]
    [TestCase("no placeholder", "no placeholder")]
    public void Given_a_line_with_braces_Then_only_whole_lower_case_placeholders_are_filled(string line, string expected)
    {
        var template = new NotificationTemplate("TEST", line, [line], [line]);
        Assert.That(TemplateRenderer.Email(template, 5, Data("{}")).Body, Is.EqualTo(expected));
    }

    [Test]
    public void Given_a_placeholder_without_a_value_Then_its_line_is_left_out()
    {
        var template = new NotificationTemplate("TEST", "#{order_id} {nothing}", ["first {order_id}", "{order_id} and {nothing}", "last"], []);
        var email = TemplateRenderer.Email(template, 5, Data("{}"));
        Assert.That(email.Body, Is.EqualTo("first 5\nlast"));
        Assert.That(email.Subject, Is.EqualTo("#{order_id} {nothing}"));
    }

    private static IEnumerable<string> Templates => TemplateCatalog.All.Keys;
}
