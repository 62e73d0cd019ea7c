//! The page's parsing worker (built by trunk as a no-modules Web Worker with
//! a loader shim): registers [`readout::ui::worker::ParseWorker`].

use gloo::worker::Registrable;
use readout::ui::proto::JsonCodec;
use readout::ui::worker::ParseWorker;

fn main() {
    ParseWorker::registrar().encoding::<JsonCodec>().register();
}
