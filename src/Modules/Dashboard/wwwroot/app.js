// Browser facts the server cannot know, and a file download for generated CSV.
window.dashboard = {
    viewer: () => [Intl.DateTimeFormat().resolvedOptions().timeZone, navigator.language],
    download: (name, text) => {
        const url = URL.createObjectURL(new Blob(["\uFEFF" + text], { type: "text/csv;charset=utf-8" }));
        const link = Object.assign(document.createElement("a"), { href: url, download: name });
        document.body.appendChild(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(url);
    },
};
