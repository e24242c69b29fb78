using System.Text;
using System.Text.Json;
using Ecommerce.Orders.Contracts;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Validation;
using Microsoft.AspNetCore.Http;

namespace Ecommerce.UnitTests.Shared;

/// <summary>
/// The 422 builder against the exact bytes FastAPI + pydantic v2 answered (the reference in docs/behaviour.md, D8): a
/// body, query or path value with one problem gives exactly this <c>{"detail":[...]}</c>, key order and number format included.
/// </summary>
[TestFixture]
public sealed class PydanticErrorsTests
{
    private const string Item = """{"product_name":"ノートPC","quantity":2,"unit_price":89800.0}""";

    private static string Order(string? item = null, string items = "", string name = "\"田中太郎\"", string email = "\"tanaka@example.co.jp\"", string currency = "\"JPY\"") =>
        $$"""{"customer_email":{{email}},"customer_name":{{name}},"items":{{(items.Length > 0 ? items : $"[{item ?? Item}]")}},"currency":{{currency}}}""";

    private static string ItemWith(string field, string value) => Item.Replace(
        field == "quantity" ? "\"quantity\":2" : field == "unit_price" ? "\"unit_price\":89800.0" : "\"product_name\":\"ノートPC\"",
        $"\"{field}\":{value}");

    private static IEnumerable<TestCaseData> Bodies()
    {
        const string loc = "\"loc\":[\"body\",\"items\",0,";
        yield return new TestCaseData(Order(ItemWith("quantity", "\"abc\"")),
            "{\"type\":\"int_parsing\"," + loc + "\"quantity\"],\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":\"abc\"}").SetName("int_parsing");
        yield return new TestCaseData(Order(ItemWith("quantity", "1.5")),
            "{\"type\":\"int_from_float\"," + loc + "\"quantity\"],\"msg\":\"Input should be a valid integer, got a number with a fractional part\",\"input\":1.5}").SetName("int_from_float");
        yield return new TestCaseData(Order(ItemWith("quantity", "0")),
            "{\"type\":\"greater_than_equal\"," + loc + "\"quantity\"],\"msg\":\"Input should be greater than or equal to 1\",\"input\":0,\"ctx\":{\"ge\":1}}").SetName("greater_than_equal");
        yield return new TestCaseData(Order(ItemWith("quantity", "10001")),
            "{\"type\":\"less_than_equal\"," + loc + "\"quantity\"],\"msg\":\"Input should be less than or equal to 10000\",\"input\":10001,\"ctx\":{\"le\":10000}}").SetName("less_than_equal");
        yield return new TestCaseData(Order(ItemWith("unit_price", "0")),
            "{\"type\":\"greater_than\"," + loc + "\"unit_price\"],\"msg\":\"Input should be greater than 0\",\"input\":0,\"ctx\":{\"gt\":0.0}}").SetName("greater_than");
        yield return new TestCaseData(Order(ItemWith("unit_price", "\"abc\"")),
            "{\"type\":\"float_parsing\"," + loc + "\"unit_price\"],\"msg\":\"Input should be a valid number, unable to parse string as a number\",\"input\":\"abc\"}").SetName("float_parsing");
        yield return new TestCaseData(Order(ItemWith("product_name", "\"\"")),
            "{\"type\":\"string_too_short\"," + loc + "\"product_name\"],\"msg\":\"String should have at least 1 character\",\"input\":\"\",\"ctx\":{\"min_length\":1}}").SetName("string_too_short");
        yield return new TestCaseData(Order(ItemWith("product_name", $"\"{new string('a', 201)}\"")),
            "{\"type\":\"string_too_long\"," + loc + $"\"product_name\"],\"msg\":\"String should have at most 200 characters\",\"input\":\"{new string('a', 201)}\",\"ctx\":{{\"max_length\":200}}}}").SetName("string_too_long");
        yield return new TestCaseData(Order(items: "[]"),
            "{\"type\":\"too_short\",\"loc\":[\"body\",\"items\"],\"msg\":\"List should have at least 1 item after validation, not 0\",\"input\":[],\"ctx\":{\"field_type\":\"List\",\"min_length\":1,\"actual_length\":0}}").SetName("too_short");
        yield return new TestCaseData(Order(items: "{}"),
            "{\"type\":\"list_type\",\"loc\":[\"body\",\"items\"],\"msg\":\"Input should be a valid list\",\"input\":{}}").SetName("list_type");
        yield return new TestCaseData(Order(currency: "\"jpy\""),
            "{\"type\":\"string_pattern_mismatch\",\"loc\":[\"body\",\"currency\"],\"msg\":\"String should match pattern '^[A-Z]{3}$'\",\"input\":\"jpy\",\"ctx\":{\"pattern\":\"^[A-Z]{3}$\"}}").SetName("string_pattern_mismatch");
        yield return new TestCaseData(Order(name: "null"),
            "{\"type\":\"string_type\",\"loc\":[\"body\",\"customer_name\"],\"msg\":\"Input should be a valid string\",\"input\":null}").SetName("string_type");
        yield return new TestCaseData(Order(email: "\"x\""),
            "{\"type\":\"value_error\",\"loc\":[\"body\",\"customer_email\"],\"msg\":\"value is not a valid email address: An email address must have an @-sign.\",\"input\":\"x\",\"ctx\":{\"reason\":\"An email address must have an @-sign.\"}}").SetName("value_error email");
        yield return new TestCaseData("", "{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\",\"input\":null}").SetName("missing body");
        yield return new TestCaseData("{\"a\":", "{\"type\":\"json_invalid\",\"loc\":[\"body\",5],\"msg\":\"JSON decode error\",\"input\":{},\"ctx\":{\"error\":\"Expecting value\"}}").SetName("json_invalid");
        yield return new TestCaseData("[1,2]", "{\"type\":\"model_attributes_type\",\"loc\":[\"body\"],\"msg\":\"Input should be a valid dictionary or object to extract fields from\",\"input\":[1,2]}").SetName("model_attributes_type");
        yield return new TestCaseData("""{"customer_name":"a","items":[]}""".Replace("\"items\":[]", $"\"items\":[{Item}]"),
            "{\"type\":\"missing\",\"loc\":[\"body\",\"customer_email\"],\"msg\":\"Field required\",\"input\":{\"customer_name\":\"a\",\"items\":[" + Item + "]}}").SetName("missing field");
    }

    [TestCaseSource(nameof(Bodies))]
    public void Given_a_body_with_one_problem_Then_the_422_is_fastapis_bytes(string body, string expectedEntry)
    {
        var errors = new List<ValidationError>();
        JsonBody.Read(Encoding.UTF8.GetBytes(body), "application/json", CreateOrderRequest.Read, errors, out var document);
        var bytes = Detail(errors);
        document?.Dispose();
        Assert.That(bytes, Is.EqualTo("{\"detail\":[" + expectedEntry + "]}"));
    }

    [TestCase("limit=0", "{\"type\":\"greater_than_equal\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be greater than or equal to 1\",\"input\":\"0\",\"ctx\":{\"ge\":1}}")]
    [TestCase("limit=abc", "{\"type\":\"int_parsing\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":\"abc\"}")]
    [TestCase("limit=101", "{\"type\":\"less_than_equal\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be less than or equal to 100\",\"input\":\"101\",\"ctx\":{\"le\":100}}")]
    public void Given_a_bad_query_Then_the_422_is_fastapis_bytes(string query, string expectedEntry)
    {
        var context = new DefaultHttpContext { Request = { QueryString = new QueryString("?" + query) } };
        var refused = Assert.ThrowsAsync<RequestValidationException>(async () => await QueryReader.BindAsync(context, q => q.Page()))!;
        Assert.That(Detail(refused.Errors), Is.EqualTo("{\"detail\":[" + expectedEntry + "]}"));
    }

    [Test]
    public void Given_a_path_id_that_is_not_an_integer_Then_the_422_is_fastapis_bytes()
    {
        var context = new DefaultHttpContext();
        context.Request.RouteValues["order_id"] = "abc";
        var refused = Assert.Throws<RequestValidationException>(() => PathIds.Get(context, "order_id"))!;
        Assert.That(Detail(refused.Errors), Is.EqualTo(
            "{\"detail\":[{\"type\":\"int_parsing\",\"loc\":[\"path\",\"order_id\"],\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":\"abc\"}]}"));
    }

    private static string Detail(IReadOnlyList<ValidationError> errors) => JsonSerializer.Serialize(new { detail = errors }, WireJson.Options);
}
