using Microsoft.AspNetCore.Components;

namespace Ecommerce.Dashboard.Live;

/// <summary>A page that shows what changed anywhere (API, import, another browser) within a second or two, without a reload.</summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    [Inject] private LiveUpdates Live { get; set; } = null!;
    [Inject] private ILogger<LivePage> Logger { get; set; } = null!;

    /// <summary>Reads what the page shows; called once its parameters are set, and again after each change.</summary>
    protected abstract Task Load();

    // Only once interactive: a prerendered page is a finished HTTP answer, with nothing to push to.
    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive) Live.Follow(Reload);
    }

    private async Task Reload()
    {
        try
        {
            await InvokeAsync(async () =>
            {
                await Load();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended between the change and the reload.
        }
        catch (Exception exception)
        {
            Logger.LogWarning(exception, "A live reload of {Page} failed", GetType().Name);
        }
    }

    public void Dispose() => Live.Unfollow(Reload);
}
