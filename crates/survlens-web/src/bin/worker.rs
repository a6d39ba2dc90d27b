//! Entry point of the web worker that trains and explains.

use yew_agent::Registrable;

fn main() {
    survlens_web::fault::install_in_worker();
    survlens_web::agent::JobWorker::registrar().register();
}
