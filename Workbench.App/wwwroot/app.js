// Small browser helpers the Blazor components call; everything else is MudBlazor's.
window.workbench = {
    // The light/dark choice survives reloads on this browser.
    getDarkMode: () => localStorage.getItem('workbench.dark'),
    setDarkMode: (dark) => localStorage.setItem('workbench.dark', dark ? '1' : '0'),
};
