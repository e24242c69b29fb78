using System.Reflection;
using System.Text.Json;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.OpenApi;
using Ecommerce.Shared.Validation;

namespace Ecommerce.UnitTests.Shared;

/// <summary>
/// The example of every request body in the API documents is what Swagger UI's "Try it out" sends: each must pass the
/// body's own reader, or the documents would show clients a request the server refuses.
/// </summary>
[TestFixture]
public sealed class RequestExamplesTests
{
    private static IEnumerable<Type> RequestTypes() =>
        new[] { typeof(Ecommerce.Orders.OrdersModule), typeof(Ecommerce.Payments.PaymentsModule), typeof(Ecommerce.Notifications.NotificationsModule) }
            .SelectMany(module => module.Assembly.GetTypes())
            .Where(type => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IJsonRequest<>)))
            .OrderBy(type => type.Name);

    [Test]
    public void Given_the_modules_Then_every_documented_body_is_found() =>
        Assert.That(RequestTypes().Count(), Is.EqualTo(12), string.Join(", ", RequestTypes().Select(t => t.Name)));

    [TestCaseSource(nameof(RequestTypes))]
    public void Given_a_body_type_Then_its_example_passes_its_reader(Type type)
    {
        var errors = (IReadOnlyList<ValidationError>)typeof(RequestExamplesTests)
            .GetMethod(nameof(ErrorsOfExample), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, null)!;
        Assert.That(errors, Is.Empty, JsonSerializer.Serialize(errors, WireJson.Options));
    }

    private static IReadOnlyList<ValidationError> ErrorsOfExample<T>() where T : IJsonRequest<T>
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(T.Example, WireJson.Options);
        var errors = new List<ValidationError>();
        JsonBody.Read(body, "application/json", T.Read, errors, out var document);
        document?.Dispose();
        return errors;
    }
}
