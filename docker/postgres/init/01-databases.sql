-- One database per owning service (no service reads another's tables): the same five `make up` creates.
-- The postgres image runs this once, when its data volume is empty.
CREATE DATABASE orchestrator;
CREATE DATABASE stock;
CREATE DATABASE payment;
CREATE DATABASE fraud_detection;
CREATE DATABASE order_executor;
