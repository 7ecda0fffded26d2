//! The National Career Clusters® Framework as data: the model, the code types Trellis joins
//! on, and the framework definitions compiled into the binary.
pub mod codes;
