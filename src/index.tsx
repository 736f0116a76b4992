import { render } from "solid-js/web";
import "./index.css";

const root = document.getElementById("root");
if (root) render(() => <main>OpenCode Switchboard</main>, root);
