import { notBuiltPage, UNBUILT_AREAS } from "@/components/shell/not-built-page";

export const metadata = { title: UNBUILT_AREAS.decisions.title };

export default notBuiltPage("decisions");
