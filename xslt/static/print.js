// The notice page's 打印本页 button: shown only where script runs (without it, the browser's own
// print command prints the same page through the print rules of xxgk.css).
document.querySelectorAll('.print-button').forEach(function (b) {
  b.hidden = false;
  b.addEventListener('click', function () { window.print(); });
});
