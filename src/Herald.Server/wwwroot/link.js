// Shows, as text, the path of the application that the clicked notification led to.
const path = new URLSearchParams(location.search).get("path") ?? "";
document.getElementById("link-path").textContent = path;
