// Small browser helpers the Blazor components call; everything else is MudBlazor's.
window.workbench = {
    // The light/dark choice survives reloads on this browser.
    getDarkMode: () => localStorage.getItem('workbench.dark'),
    setDarkMode: (dark) => localStorage.setItem('workbench.dark', dark ? '1' : '0'),

    // Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z) undo and redo pipeline edits, except while typing in a field,
    // where they keep undoing the text as the browser does.
    attachUndoKeys: (dotnet) => {
        const handler = (e) => {
            if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
            const target = e.target;
            if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
            const key = e.key.toLowerCase();
            if (key === 'z' && !e.shiftKey) {
                e.preventDefault();
                dotnet.invokeMethodAsync('UndoFromKeyboard');
            } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
                e.preventDefault();
                dotnet.invokeMethodAsync('RedoFromKeyboard');
            }
        };
        document.addEventListener('keydown', handler);
        return { detach: () => document.removeEventListener('keydown', handler) };
    },
};
