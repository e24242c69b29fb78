namespace Ecommerce.Shared.Validation;

/// <summary>
/// Every route parameter of this API is an integer id (<c>{order_id}</c>, <c>{payment_id}</c>...). Routes take it as
/// text so a bad one is FastAPI's 422 int_parsing with loc ["path", name], not a routing 404.
/// </summary>
public static class PathIds
{
    public static int Get(HttpContext context, string name)
    {
        var raw = context.Request.RouteValues[name] as string;
        if (!LaxInt.TryParse(raw, out var id)) throw new RequestValidationException([Pydantic.IntParsing(["path", name], raw)]);
        // An id beyond int cannot exist; 0 is never assigned, so it reads as "not found" like any unknown id.
        return id is > 0 and <= int.MaxValue ? (int)id : 0;
    }

    internal static void Validate(HttpContext context, List<ValidationError> errors)
    {
        foreach (var (name, value) in context.Request.RouteValues)
            if (value is string raw && !LaxInt.TryParse(raw, out _)) errors.Add(Pydantic.IntParsing(["path", name], raw));
    }
}
